import type { CollectProgress } from '../../core/collect/run/index';
import { LEFT_OUT_BY_USER } from '../../core/collect/run/index';
import { formatByteSize } from '../../shared/byte-size';
import type { Collection, CollectItem } from '../../shared/collect-schemas';
import { EXIT, type ExitCode } from '../exit-codes';

/** Plain progress lines (stderr not a terminal) come at most this often. */
const PLAIN_EVERY_MS = 5000;
export const HOST_KEY_REFUSALS: ReadonlySet<string> = new Set([
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'HOST_KEY_REVOKED',
]);

/** An item as people name it: its remote path, `command <id>`, or its kind. */
export const describeItem = (item: CollectItem): string =>
  item.remotePath ?? (item.kind === 'command' ? `command ${item.id.split('|').slice(2).join('|')}` : item.kind);
const sized = (item: CollectItem): string => (item.size === null ? '' : ` (${formatByteSize(item.size)})`);

/**
 * `casekit collect` on stderr: a line whenever an item or host changes
 * state, and the bytes line (rewriting itself on a terminal, every few
 * seconds otherwise). Untrusted server text is printed as it is, one line.
 */
export class CollectPrinter {
  private readonly items = new Map<string, string>();
  private readonly hosts = new Map<string, string>();
  private baseline = true;
  private lastPlain = 0;
  private drawn: string | null = null;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(progress: CollectProgress): void {
    const line = `collecting: ${progress.itemsDone}/${progress.itemsTotal} items, ${formatByteSize(progress.bytesDone)} of ${formatByteSize(progress.bytesTotal)}${progress.current === null ? '' : ` (${oneLine(progress.current)})`}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${line}`);
      this.drawn = line;
    } else if (Date.now() - this.lastPlain >= PLAIN_EVERY_MS) {
      this.stream.write(`${line}\n`);
      this.lastPlain = Date.now();
    }
  }

  collection(collection: Collection): void {
    for (const host of collection.hosts) {
      const previous = this.hosts.get(host.target);
      this.hosts.set(host.target, host.status);
      if (this.baseline || previous === host.status || host.status === 'pending') continue;
      const name = host.host === null ? host.target : `${host.host} (${host.target})`;
      if (host.status === 'connecting') this.say(`${host.target}: connecting`);
      else if (host.status === 'running') this.say(`${name}: connected, listing what it has`);
      else this.say(`${name}: ${host.status}${host.error === null ? '' : `: ${host.error.message}`}`);
    }
    for (const item of collection.items) {
      const previous = this.items.get(item.id);
      this.items.set(item.id, item.status);
      if (this.baseline || previous === item.status) continue;
      // Items a run finds already finished (kept from an earlier run) are not news.
      if (previous === undefined && item.status !== 'running') continue;
      // Before it runs, a command's or zmdiaglog's size is only the plan's guess: files alone show theirs.
      if (item.status === 'running')
        this.say(`${item.host}: started ${describeItem(item)}${item.remotePath === null ? '' : sized(item)}`);
      if (item.status === 'ok') this.say(`${item.host}: ok ${describeItem(item)}${sized(item)}`);
      if (item.status === 'failed')
        this.say(`${item.host}: FAILED ${describeItem(item)}: ${item.reason ?? item.errorCode}`);
    }
    this.baseline = false;
  }

  end(): void {
    if (this.drawn !== null) this.stream.write('\n');
    this.drawn = null;
  }

  /** A line of our own between the progress updates. */
  note(line: string): void {
    this.say(line);
  }

  private say(line: string): void {
    const text = oneLine(line);
    if (this.drawn === null) this.stream.write(`${text}\n`);
    else this.stream.write(`\r\x1b[2K${text}\n${this.drawn}`);
  }
}

// eslint-disable-next-line no-control-regex -- control characters are what it replaces
const CONTROL = /[\0-\x1f\x7f-\x9f]/g;

/** Server text on one line: control characters (a terminal's escape sequences among them) shown as `?`. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, '?');
}

/** The targets' hosts and their items: what this command was asked about. */
export function scope(collection: Collection, targets: readonly string[]) {
  const hosts = collection.hosts.filter((host) => targets.includes(host.target));
  const names = new Set(hosts.map((host) => host.host).filter((name) => name !== null));
  return { hosts, items: collection.items.filter((item) => names.has(item.host)) };
}

const consentMissing = (item: CollectItem) =>
  item.needsConsent && item.status === 'skipped' && item.reason !== LEFT_OUT_BY_USER;

/** The exit code of ../shared/CLI.md for a finished run, and the last line that says why. */
export function collectOutcome(
  collection: Collection,
  targets: readonly string[],
): { code: ExitCode; message: string | null } {
  const { hosts, items } = scope(collection, targets);
  const keys = hosts.filter((host) => HOST_KEY_REFUSALS.has(host.error?.code ?? '')).length;
  const dumps = items.filter(consentMissing).length;
  if (keys > 0 || dumps > 0) {
    const why = [
      keys > 0 ? `${keys} host key${keys === 1 ? ' was' : 's were'} not trusted` : null,
      dumps > 0 ? `${dumps} dump${dumps === 1 ? '' : 's'} need${dumps === 1 ? 's' : ''} consent (--allow-cores)` : null,
    ].filter((part) => part !== null);
    return { code: EXIT.REFUSED, message: `refused for safety: ${why.join(', and ')}; see above.` };
  }
  const failed = hosts.some((host) => host.error !== null) || items.some((item) => item.status === 'failed');
  if (!failed) return { code: EXIT.OK, message: null };
  if (!items.some((item) => item.status === 'ok')) {
    return { code: EXIT.FAILED, message: 'nothing was collected: see the reasons above.' };
  }
  return {
    code: EXIT.PARTIAL,
    message: 'collected in part: what failed is listed above; run the same command again to retry it.',
  };
}

/** The end of the run on stderr: per host what it gave, then every failed and skipped item with its reason. */
export function printSummary(collection: Collection, targets: readonly string[], outDir: string, runStart: Date): void {
  const { hosts, items } = scope(collection, targets);
  const ok = items.filter((item) => item.status === 'ok');
  const earlier = ok.filter((item) => item.finishedAt !== null && new Date(item.finishedAt) < runStart).length;
  const bytes = ok.reduce((sum, item) => sum + (item.size ?? 0), 0);
  const lines = [
    `Collected ${ok.length} of ${items.length} items (${formatByteSize(bytes)}) from ${hosts.length} host${hosts.length === 1 ? '' : 's'} into ${outDir}${earlier > 0 ? ` (${earlier} already there from an earlier run)` : ''}.`,
  ];
  for (const host of hosts) {
    const mine = items.filter((item) => item.host === host.host);
    const count = (status: CollectItem['status']) => mine.filter((item) => item.status === status).length;
    const counts = (['ok', 'failed', 'skipped', 'pending'] as const)
      .filter((status) => count(status) > 0)
      .map((status) => `${count(status)} ${status}`);
    lines.push(`  ${host.host ?? host.target}: ${host.status}${counts.length > 0 ? `, ${counts.join(', ')}` : ''}`);
    if (host.error !== null) lines.push(`    ${host.error.code}: ${host.error.message}`);
    if (host.error?.code === 'HOST_KEY_UNKNOWN') {
      lines.push('    Once the fingerprints match, run the same command with --accept-new-host-key to trust it.');
    }
  }
  const listed = (status: 'failed' | 'skipped', title: string) => {
    const chosen = items.filter((item) => item.status === status);
    if (chosen.length === 0) return;
    lines.push(title);
    for (const item of chosen)
      lines.push(`  ${item.host}: ${describeItem(item)}: ${item.reason ?? item.errorCode ?? status}`);
  };
  listed('failed', 'Failed (run the same command again to retry them; finished items are kept):');
  listed('skipped', 'Skipped:');
  for (const line of lines) process.stderr.write(`${oneLine(line)}\n`);
}
