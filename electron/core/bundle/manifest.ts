import type { InTreeLink } from '../redact/tree/input-walk';
import type { LeftOut } from '../redact/tree/task-types';
import type { BundleFormat } from './bundle-names';
import type { RedactionSummary } from './redaction-summary';
import type { SourceKind } from './source-files';

export interface ManifestFile {
  /** Path in the bundle, `/`-separated. */
  path: string;
  size: number;
  sha256: string;
  kind: SourceKind;
  /** A binary shipped as it is because the user consented; false for everything leak-checked. */
  consented: boolean;
}

export interface ManifestHost {
  host: string;
  files: number;
  bytes: number;
}

/** MANIFEST.json, the last member of the bundle (see README.md for why last). */
export interface Manifest {
  manifestVersion: 1;
  caseNumber: string;
  bundle: string;
  format: BundleFormat;
  created: string;
  appVersion: string;
  /** Top-level folders: one per host. */
  hosts: string[];
  /** Files and bytes per host. */
  items: ManifestHost[];
  totals: { files: number; bytes: number };
  files: ManifestFile[];
  links: InTreeLink[];
  /** Found in the folder but not packed (links out of it, sockets, devices), with the reason. */
  leftOut: LeftOut[];
  /** Files the bundle adds at its root: the case summary, and this manifest. */
  generated: string[];
  redaction: RedactionSummary | null;
  leakCheck: {
    clean: true;
    /** Text files and archives checked (through their members), and their bytes. */
    files: number;
    bytes: number;
    /** Binaries not checked because the user consented to ship them as they are. */
    consentedBinaries: string[];
  };
}

export function hostItems(hosts: readonly string[], files: readonly ManifestFile[]): ManifestHost[] {
  return hosts.map((host) => {
    const mine = files.filter((file) => file.path.startsWith(`${host}/`));
    return { host, files: mine.length, bytes: mine.reduce((sum, file) => sum + file.size, 0) };
  });
}
