import { CasekitError } from '../../../../shared/error-codes';
import { formatByteSize } from '../../../../shared/byte-size';
import { command } from '../../../remote/exec';
import type { CollectProfile } from '../../../vendor';
import type { CollectHost } from '../../collect-host';

const MIB = 1024 * 1024;
const TIMEOUT_MS = 120_000;
// Room beyond the heap dump: the rest of zmdiaglog's output, and what else writes there meanwhile.
const MARGIN_BYTES = 512 * MIB;

/** The Java heap in bytes (`zmlocalconfig -m nokey <key>`, in MB), as the service user. */
export async function readHeapBytes(
  host: Pick<CollectHost, 'run'>,
  profile: Pick<CollectProfile, 'zmdiaglog'>,
  signal?: AbortSignal,
): Promise<number> {
  const argv = ['zmlocalconfig', '-m', 'nokey', profile.zmdiaglog.heapSizeKey];
  const result = await host.run(argv, 'service', { signal, timeoutMs: TIMEOUT_MS });
  const text = result.stdout.toString('utf8').trim();
  if (result.exitCode !== 0 || !/^\d+$/.test(text) || Number(text) === 0)
    throw new CasekitError(
      'ZMDIAGLOG_FAILED',
      `Casekit could not read the Java heap size (${command(argv)} printed ${JSON.stringify(text.slice(0, 80))}${result.exitCode === 0 ? '' : `, exit status ${result.exitCode}`}), so it cannot tell whether a heap dump (-a) fits on the server. Run zmdiaglog without -a, or check zmlocalconfig as the zimbra user.`,
    );
  return Number(text) * MIB;
}

/** Free bytes (`df -Pk` as root) on the file system that holds `dir`, or its nearest existing parent. */
export async function readFreeBytes(
  host: Pick<CollectHost, 'run'>,
  dir: string,
  signal?: AbortSignal,
): Promise<number> {
  // zmdiaglog creates the folder itself, so it may not exist yet: its file system is its parent's.
  const script = `d=${command([dir])}; while [ ! -d "$d" ]; do d=$(dirname -- "$d"); done; LC_ALL=C df -Pk -- "$d"`;
  const result = await host.run(script, 'root', { signal, timeoutMs: TIMEOUT_MS, label: `df -Pk ${dir}` });
  const free = parseDfAvailable(result.stdout.toString('utf8'));
  if (result.exitCode !== 0 || free === null)
    throw new CasekitError(
      'IO_ERROR',
      `Casekit could not read the free space in ${dir} on the server (df said: ${result.stderr.toString('utf8').trim().slice(0, 200) || `exit status ${result.exitCode}`}).`,
    );
  return free;
}

/** Available bytes from POSIX `df -Pk` output: the fourth column of the last line, in KiB. */
export function parseDfAvailable(output: string): number | null {
  const lines = output.trim().split('\n');
  if (lines.length < 2) return null;
  const columns = (lines.at(-1) as string).trim().split(/\s+/);
  // The mount point (last column) may hold spaces; the numbers come right after the device.
  const available = columns.length >= 6 ? columns[3] : undefined;
  return available !== undefined && /^\d+$/.test(available) ? Number(available) * 1024 : null;
}

/** Bytes a run with a live heap dump needs in the destination: the heap, again half of it for an archive, a margin. */
export function heapDumpNeeds(heapBytes: number, archive: boolean): number {
  return heapBytes + (archive ? Math.ceil(heapBytes / 2) : 0) + MARGIN_BYTES;
}

/**
 * Before `-a`: refuses (REMOTE_DISK_FULL) when the destination has less free
 * space than a heap dump needs, since a full /opt/zimbra stops the mail server.
 */
export async function ensureHeapDumpFits(
  host: Pick<CollectHost, 'run'>,
  profile: Pick<CollectProfile, 'zmdiaglog'>,
  dest: string,
  archive: boolean,
  signal?: AbortSignal,
): Promise<void> {
  const heap = await readHeapBytes(host, profile, signal);
  const free = await readFreeBytes(host, dest, signal);
  const needed = heapDumpNeeds(heap, archive);
  if (free >= needed) return;
  throw new CasekitError(
    'REMOTE_DISK_FULL',
    `zmdiaglog -a writes a heap dump about the size of the Java heap (${formatByteSize(heap)}) into ${dest}, which needs about ${formatByteSize(needed)}${archive ? ' with its archive' : ''}, but only ${formatByteSize(free)} is free there. It was not started: a full disk there would stop Zimbra. Free some space, choose another folder with -d, or run zmdiaglog without -a.`,
  );
}
