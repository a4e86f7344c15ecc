/**
 * What every channel (FTP, portal, e-mail) ships and reports. A bundle folder
 * (`casekit pack`'s OUTDIR) is shipped as the files its SHA256SUMS lists plus
 * SHA256SUMS itself, so support can check what arrived with `sha256sum -c`.
 * The receipt types are defined once, as zod schemas the case file also uses.
 */
export type { ShipChannel, ShipFileResult, ShipFileStatus, ShipReceipt } from '../../shared/ship-schemas';

/** One file of a bundle folder, as SHA256SUMS lists it. */
export interface ShipFile {
  /** A plain file name inside the bundle folder: never a path. */
  name: string;
  /** Absolute local path. */
  path: string;
  size: number;
  /** Lower-case hex; null only for SHA256SUMS itself. */
  sha256: string | null;
}

export interface ShipProgress {
  /** The file being sent now, null between files. */
  file: string | null;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

export type ShipProgressListener = (progress: ShipProgress) => void;
