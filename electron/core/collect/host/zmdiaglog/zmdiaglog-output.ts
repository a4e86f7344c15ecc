import type { RemoteEntry } from '../remote-listing';

/** `zmdiaglog-<zmhostname>.<YYYYMMDD-HHMMSS>.<pid>`: the folder one run writes (see the real script's $DLOGDIR). */
export const RUN_FOLDER = /^zmdiaglog-([A-Za-z0-9.-]+)\.(\d{8}-\d{6})\.(\d+)$/;
/** `<folder>-<md5>.tar.bz2` with -z/-Z (older builds: `.zip`): the md5 of the archive's bytes. */
export const RUN_ARCHIVE = /^(zmdiaglog-[A-Za-z0-9.-]+\.\d{8}-\d{6}\.\d+)-([0-9a-f]{32})\.(tar\.bz2|zip)$/;

/** What one run made, as found on the server. */
export interface RunOutput {
  folder: RemoteEntry | null;
  archive: (RemoteEntry & { md5: string }) | null;
}

/** What zmdiaglog printed about where it wrote (untrusted: only a hint, checked against the listing). */
export interface PrintedPaths {
  folder: string | null;
  archive: string | null;
}

/** The folder and archive paths zmdiaglog names in its output ("Saving diagnostic logging output to: …", "Archive … complete."). */
export function printedPaths(output: string): PrintedPaths {
  const folder = /Saving diagnostic logging output to: (\/[^\n]+)/.exec(output)?.[1]?.trim() ?? null;
  const archive = /\*\*\*Archive (\/[^\n]+?) complete\./.exec(output)?.[1]?.trim() ?? null;
  return { folder, archive };
}

const runKey = (name: string): string => {
  const match = RUN_FOLDER.exec(name) ?? RUN_FOLDER.exec(RUN_ARCHIVE.exec(name)?.[1] ?? '');
  // Newest by the time in the name, then by pid (two runs in the same second).
  return match ? `${match[2]}.${(match[3] as string).padStart(10, '0')}` : '';
};

/**
 * What this run made: among the `zmdiaglog-*` entries of the destination that
 * were not there before it started, the folder zmdiaglog said it wrote (else
 * the newest), and the archive made from that folder (with -Z the folder is
 * gone: the archive it named, else the newest new one).
 */
export function findRunOutput(
  before: readonly RemoteEntry[],
  after: readonly RemoteEntry[],
  printed: PrintedPaths,
): RunOutput {
  const old = new Set(before.map((entry) => entry.path));
  const fresh = after.filter((entry) => !old.has(entry.path) && entry.problem === null);
  const folders = fresh.filter((entry) => entry.type === 'folder' && RUN_FOLDER.test(entry.name));
  const archives = fresh.filter((entry) => entry.type === 'file' && RUN_ARCHIVE.test(entry.name));
  const newest = <T extends RemoteEntry>(entries: T[]): T | null =>
    entries.reduce<T | null>(
      (best, entry) => (best === null || runKey(entry.name) > runKey(best.name) ? entry : best),
      null,
    );

  const folder = folders.find((entry) => entry.path === printed.folder) ?? newest(folders);
  const fromFolder = folder ? archives.filter((entry) => RUN_ARCHIVE.exec(entry.name)?.[1] === folder.name) : [];
  const archive =
    (folder ? newest(fromFolder) : (archives.find((entry) => entry.path === printed.archive) ?? newest(archives))) ??
    null;
  return {
    folder,
    archive: archive ? { ...archive, md5: RUN_ARCHIVE.exec(archive.name)?.[2] as string } : null,
  };
}

/** Splits streamed output into complete lines for progress, keeping a partial line for the next chunk. */
export class LineSplitter {
  private pending = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    const text = this.pending + this.decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      const shown = line.replace(/\s+$/, '').trim();
      if (shown !== '') this.onLine(shown);
    }
  }
}
