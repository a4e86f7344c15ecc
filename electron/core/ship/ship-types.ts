/**
 * What every channel (FTP, portal, e-mail) ships and reports. A bundle folder
 * (`casekit pack`'s OUTDIR) is shipped as the files its SHA256SUMS lists plus
 * SHA256SUMS itself, so support can check what arrived with `sha256sum -c`.
 */
export type ShipChannel = 'ftp' | 'portal' | 'email' | 'link';

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

export type ShipFileStatus = 'sent' | 'already-there' | 'failed' | 'not-sent';

export interface ShipFileResult {
  name: string;
  size: number;
  sha256: string | null;
  status: ShipFileStatus;
  /** Requests or connections it took, retries included. */
  attempts: number;
  /** What the server said about it (status line, FTP reply), untrusted text. */
  serverAnswer: string | null;
  error: { code: string; message: string } | null;
}

/** A shipment, as it is recorded in the case and shown to the user. */
export interface ShipReceipt {
  channel: ShipChannel;
  /** Where it went, without credentials: `ftp://host:21/dir`, the portal URL, the .eml path. */
  destination: string;
  startedAt: string;
  finishedAt: string;
  files: ShipFileResult[];
  /** True when every file is `sent` or `already-there`. */
  complete: boolean;
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
