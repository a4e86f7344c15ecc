import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../electron/core/redact/tree/testing/build-cli';
import type { Collection } from '../../electron/shared/collect-schemas';
import { startZimbraHosts, type TestZimbraHost } from '../support/zimbra-host';
import {
  growLog,
  makeCollectCliKit,
  readJournal,
  sha256Of,
  sizeOf,
  waitFor,
  type CollectCliKit,
} from './collect-cli-support';

// The built `casekit collect` killed with SIGKILL in the middle of a copy (no
// chance to clean up, as in a crash or a power cut of the client), then run
// again: the journal it left is whole, and the re-run finishes the job without
// fetching again what was done.

let hosts: TestZimbraHost[] = [];
let kit: CollectCliKit;
let built: Awaited<ReturnType<typeof buildCli>>;
const BIG = '/opt/zimbra/log/audit.log';

beforeAll(async () => {
  kit = await makeCollectCliKit();
  built = await buildCli();
  hosts = await startZimbraHosts([{ hostname: 'mbx01.example.test', days: 2 }]);
  await kit.trust(hosts);
  await growLog(hosts[0] as TestZimbraHost, BIG, 400 * 1024 * 1024);
}, 60_000);
afterAll(async () => {
  await Promise.all(hosts.map((host) => host.stop()));
  await built.remove();
  await kit.remove();
});

describe('casekit collect killed mid-transfer', () => {
  it('resumes when run again: the journal it left is whole, finished items are kept', async () => {
    const [host] = hosts as [TestZimbraHost];
    const out = path.join(kit.dir, 'restart');
    const part = path.join(out, host.hostname, `${BIG}.part`);
    const args = kit.args(hosts, out, '--items', 'logs,commands', '--case', '00012345');
    // the built CLI lives under node_modules/.cache, away from the repository's resources/
    const env = { ...process.env, CASEKIT_RESOURCES_DIR: path.resolve(import.meta.dirname, '../../resources') };
    const child = spawn(process.execPath, [built.bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await waitFor('the large log to be half-copied', async () => {
      if (child.exitCode !== null) throw new Error(`casekit collect ended early:\n${stderr}`);
      return (await sizeOf(part)) > 20 * 1024 * 1024;
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const left: Collection = await readJournal(out);
    const big = left.items.find((item) => item.remotePath === BIG);
    // Journal writes are throttled (four a second): a copy this fast may be killed before its 'running' was written.
    expect(['running', 'pending']).toContain(big?.status);
    const done = left.items.filter((item) => item.status === 'ok');
    expect(done.map((item) => item.remotePath)).toContain('/opt/zimbra/log/mailbox.log');
    const before = new Map(
      await Promise.all(
        done.map(async (item) => [item.id, (await stat(path.join(out, item.localPath ?? ''))).mtimeMs] as const),
      ),
    );

    const again = await kit.collect(hosts, out, '--items', 'logs,commands', '--case', '00012345');
    expect(again.stderr, stderr).not.toContain('unexpected');
    expect(again.code).toBe(0);
    const after = await readJournal(out);
    expect(after.items.map((item) => item.id)).toEqual(left.items.map((item) => item.id));
    expect(after.items.every((item) => item.status === 'ok')).toBe(true);
    for (const item of after.items.filter((entry) => before.has(entry.id))) {
      expect(item.finishedAt).toBe(done.find((entry) => entry.id === item.id)?.finishedAt);
      expect((await stat(path.join(out, item.localPath ?? ''))).mtimeMs).toBe(before.get(item.id));
    }
    expect(again.stderr).toMatch(new RegExp(`^Collected (\\d+) of \\1 items .* \\(${done.length} already there`, 'm'));
    expect(await sha256Of(path.join(out, host.hostname, BIG))).toBe(await sha256Of(host.localPathOf(BIG)));
    expect(await sizeOf(part)).toBe(0);
  }, 60_000);
});
