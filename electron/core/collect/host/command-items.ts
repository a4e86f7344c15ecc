import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { CollectItem } from '../../../shared/collect-schemas';
import { CasekitError } from '../../../shared/error-codes';
import { command, type ExecResult } from '../../remote/exec';
import type { CollectCommandProfile, RunAs } from '../../vendor';
import type { CollectHost } from '../collect-host';
import type { ItemContext, ItemOutcome } from '../collect-types';
import { localError } from '../../remote/transfer/transfer-errors';
import { insideOutDir, localName } from './local-paths';
import { planItem } from './plan-items';
import { showsLocalconfigSecrets } from './zmlocalconfig-guard';

/** argv with `{host}` replaced by the server's own name. */
export const commandArgv = (profile: CollectCommandProfile, hostname: string): string[] =>
  profile.argv.map((word) => word.replaceAll('{host}', hostname));

/** Who a command runs as, in words, for the output's header. */
export function runAsLabel(as: RunAs, host: Pick<CollectHost, 'sessionUser'>, serviceUser: string): string {
  if (as === 'service') return `${serviceUser} (su - ${serviceUser})`;
  if (as === 'root') return host.sessionUser === 'root' ? 'root' : `root (sudo, logged in as ${host.sessionUser})`;
  return host.sessionUser;
}

/** The plan's entry for one profile command; refused ones (zmlocalconfig -s) are skipped with the reason. */
export function commandItem(hostname: string, profile: CollectCommandProfile): CollectItem {
  const line = command(commandArgv(profile, hostname));
  const refused = showsLocalconfigSecrets(profile.argv);
  return planItem({
    host: hostname,
    kind: 'command',
    subject: profile.id,
    command: line,
    size: 4096,
    estimatedSeconds: Math.min(profile.timeoutSecs, 10),
    ...(refused
      ? {
          status: 'skipped',
          reason:
            'Refused: zmlocalconfig with -s or --show prints every password of the installation in clear text, so Casekit never runs it.',
        }
      : {}),
  });
}

export interface CommandRecord {
  line: string;
  ranAs: string;
  startedAt: Date;
  result: ExecResult;
}

/** The saved text: a header (command, user, time, exit status), then stdout and stderr, labelled. */
export function commandOutputText(record: CommandRecord): Buffer {
  const { result } = record;
  const status =
    result.exitCode !== null ? String(result.exitCode) : `none (ended by ${result.signal ?? 'an unknown signal'})`;
  const header = [
    `# command: ${record.line}`,
    `# run as: ${record.ranAs}`,
    `# started: ${record.startedAt.toISOString()}`,
    `# duration: ${(result.durationMs / 1000).toFixed(1)} s`,
    `# exit status: ${status}`,
    '',
  ].join('\n');
  const section = (name: string, bytes: Buffer, truncated: boolean) =>
    Buffer.concat([
      Buffer.from(`--- ${name}${truncated ? ' (cut: too long, only the beginning was kept)' : ''} ---\n`),
      bytes,
      Buffer.from(bytes.length > 0 && bytes.at(-1) !== 0x0a ? '\n' : ''),
    ]);
  return Buffer.concat([
    Buffer.from(header),
    section('stdout', result.stdout, result.truncated.stdout),
    section('stderr', result.stderr, result.truncated.stderr),
  ]);
}

/**
 * Runs one profile command as its user and saves what it printed in
 * `<outDir>/<hostname>/commands/<id>.txt`. A non-zero exit is recorded, not a
 * failure (the output is what support needs); a command that could not run
 * (sudo refused, no service user, timeout) rejects.
 */
export async function runCommandItem(profile: CollectCommandProfile, context: ItemContext): Promise<ItemOutcome> {
  const { host, signal } = context;
  const argv = commandArgv(profile, host.hostname);
  if (showsLocalconfigSecrets(argv))
    throw new CasekitError(
      'INVALID_INPUT',
      `Refused to run ${command(argv)}: zmlocalconfig with -s or --show prints every password of the installation in clear text.`,
    );
  const startedAt = new Date();
  context.onProgress({ bytesDone: 0, bytesTotal: null, line: command(argv) });
  const result = await host.run(argv, profile.runAs, { signal, timeoutMs: profile.timeoutSecs * 1000 });
  const text = commandOutputText({
    line: command(argv),
    ranAs: runAsLabel(profile.runAs, host, context.profile.serviceUser),
    startedAt,
    result,
  });
  const relative = [localName(host.hostname), 'commands', `${profile.id}.txt`];
  await writeVerified(insideOutDir(context.outDir, relative), text);
  context.onProgress({ bytesDone: text.length, bytesTotal: text.length });
  return {
    localPath: relative.join('/'),
    size: text.length,
    sha256: createHash('sha256').update(text).digest('hex'),
    exitCode: result.exitCode,
  };
}

/** Writes through `.part` and a rename, so a file under its real name is always whole. */
export async function writeVerified(target: string, bytes: Buffer): Promise<void> {
  const part = `${target}.part`;
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    const file = await fs.open(part, 'w');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(part, target);
  } catch (err) {
    throw localError(err, 'write', target);
  }
}
