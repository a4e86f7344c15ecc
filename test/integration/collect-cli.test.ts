import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatByteSize } from '../../electron/shared/byte-size';
import { startZimbraHosts, type TestZimbraHost } from '../support/zimbra-host';
import { makeCollectCliKit, readJournal, sha256Of, target, type CollectCliKit } from './collect-cli-support';

// `casekit collect` against three real test Zimbra hosts (sshd in their own
// namespaces), with the real per-host operations: what lands where, the
// journal, host keys and consent, and the exit codes of CLI.md.

let hosts: TestZimbraHost[] = [];
let kit: CollectCliKit;

beforeAll(async () => {
  kit = await makeCollectCliKit();
  hosts = await startZimbraHosts([
    { hostname: 'mbx01.example.test' },
    { hostname: 'mbx02.example.test', services: ['mailbox', 'logger', 'stats'] },
    { hostname: 'mta01.example.test', services: ['mta', 'amavis', 'antispam', 'antivirus'] },
  ]);
}, 30_000);
afterAll(async () => {
  await Promise.all(hosts.map((host) => host.stop()));
  await kit.remove();
});

describe('casekit collect', () => {
  it('refuses a case number that is not 8 digits before any work (exit 2)', async () => {
    const out = path.join(kit.dir, 'bad-case');
    const result = await kit.collect(hosts, out, '--case', '12345');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"12345" is not a case number: it must be exactly 8 digits');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a host key never seen (exit 4), printing its fingerprint and how to check it, sending nothing', async () => {
    const out = path.join(kit.dir, 'unknown-key');
    const [first] = hosts as [TestZimbraHost];
    const result = await kit.collect([first], out);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(first.hostKeys[0]?.fingerprint);
    expect(result.stderr).toMatch(/ssh-keygen -l -f \/etc\/ssh\/ssh_host_ed25519_key.pub/);
    expect(result.stderr).toContain('--accept-new-host-key');
    expect(await readFile(kit.knownHosts, 'utf8')).toBe('');
    expect(first.log()).not.toMatch(/Accepted publickey/);
    expect((await readJournal(out)).hosts[0]).toMatchObject({ status: 'failed', error: { code: 'HOST_KEY_UNKNOWN' } });
  });

  it('refuses a changed host key (exit 4) even with --accept-new-host-key, naming both fingerprints', async () => {
    const [first, second] = hosts as [TestZimbraHost, TestZimbraHost];
    // the second host's key recorded for the first host's address: to Casekit, the first host's key changed
    const [, type, key] = second.knownHostsLine.trim().split(' ');
    await writeFile(kit.knownHosts, `${first.address} ${type} ${key}\n`);
    const out = path.join(kit.dir, 'changed-key');
    const result = await kit.collect([first], out, '--accept-new-host-key');
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(first.hostKeys[0]?.fingerprint);
    expect(result.stderr).toContain(second.hostKeys[0]?.fingerprint);
    expect((await readJournal(out)).hosts[0]?.error?.code).toBe('HOST_KEY_CHANGED');
    expect(first.log()).not.toMatch(/Accepted publickey/);
    await writeFile(kit.knownHosts, '');
  });

  it('collects from three hosts at once into DIR/<hostname>/ with a journal of every item (exit 0)', async () => {
    const out = path.join(kit.dir, 'three');
    const result = await kit.collect(hosts, out, '--case', '00012345', '--accept-new-host-key', '--json');
    expect(result.stderr).not.toContain('unexpected');
    expect(result.code).toBe(0);
    const journal = await readJournal(out);
    expect(JSON.parse(result.stdout)).toEqual(journal);
    expect(journal.case).toBe('00012345');
    expect(journal.hosts.map((host) => [host.target, host.host, host.status])).toEqual(
      hosts.map((host) => [target(host), host.hostname, 'done']),
    );
    expect(journal.items.filter((item) => item.status !== 'ok')).toEqual([]);
    for (const host of hosts) {
      const mine = journal.items.filter((item) => item.host === host.hostname);
      expect(new Set(mine.map((item) => item.kind))).toEqual(new Set(['zmdiaglog', 'log', 'command']));
      const mailbox = path.join(out, host.hostname, 'opt/zimbra/log/mailbox.log');
      expect(await sha256Of(mailbox)).toBe(await sha256Of(host.localPathOf('/opt/zimbra/log/mailbox.log')));
      const version = await readFile(path.join(out, host.hostname, 'commands/zmcontrol-v.txt'), 'utf8');
      expect(version).toContain('Release 10.1.5.GA');
      expect(await readdir(path.join(out, host.hostname, 'zmdiaglog'))).toEqual([
        expect.stringMatching(/^zmdiaglog-.*-[0-9a-f]{32}\.tar\.bz2$/),
      ]);
      for (const item of mine) {
        expect(await sha256Of(path.join(out, ...(item.localPath ?? '').split('/')))).toBe(item.sha256);
      }
      expect(result.stderr).toContain(`trusting its new host key ssh-ed25519 ${host.hostKeys[0]?.fingerprint}`);
    }
    expect((await readFile(kit.knownHosts, 'utf8')).trim().split('\n')).toHaveLength(3);
    expect(result.stderr).toMatch(/^Collected (\d+) of \1 items .* from 3 hosts into /m);
  }, 40_000);

  it('fetches core and heap dumps only with --allow-cores (exit 4 without, naming why)', async () => {
    const [first] = hosts as [TestZimbraHost];
    await kit.trust(hosts);
    const out = path.join(kit.dir, 'cores');
    const refused = await kit.collect([first], out, '--items', 'cores');
    expect(refused.code).toBe(4);
    const skipped = (await readJournal(out)).items.filter((item) => item.needsConsent);
    expect(skipped.map((item) => item.remotePath).sort()).toEqual(
      expect.arrayContaining(['/opt/zimbra/log/core.12345', '/opt/zimbra/log/java_pid12345.hprof']),
    );
    expect(skipped.every((item) => item.status === 'skipped' && /passwords/.test(item.reason ?? ''))).toBe(true);
    expect(existsSync(path.join(out, first.hostname, 'opt/zimbra/log/core.12345'))).toBe(false);
    expect(refused.stderr).toMatch(/^Skipped:\n(?:.*\n)*.*core\.12345: Not fetched without consent/m);
    expect(refused.stderr).toContain('casekit: refused for safety: 3 dumps need consent (--allow-cores)');

    const allowed = await kit.collect([first], out, '--items', 'cores', '--allow-cores');
    expect(allowed.code).toBe(0);
    const core = path.join(out, first.hostname, 'opt/zimbra/log/core.12345');
    expect(await sha256Of(core)).toBe(await sha256Of(first.localPathOf('/opt/zimbra/log/core.12345')));
  }, 30_000);

  it('with --plan lists per host what it would fetch, with sizes and the total against free space, and fetches nothing', async () => {
    const [first, second] = hosts as [TestZimbraHost, TestZimbraHost];
    await kit.trust(hosts);
    const out = path.join(kit.dir, 'plan');
    const items = ['--items', 'logs,commands,cores'];
    const planned = await kit.collect([first, second], out, ...items, '--plan', '--json');
    expect(planned.code, planned.stderr).toBe(0);
    const journal = await readJournal(out);
    expect(JSON.parse(planned.stdout)).toEqual(journal);
    expect(journal.items.length).toBeGreaterThan(0);
    expect(journal.items.every((item) => item.status === 'pending' || item.status === 'skipped')).toBe(true);
    expect(await readdir(out)).toEqual(['collection.json']);
    const mailbox = journal.items.find(
      (item) => item.host === first.hostname && item.remotePath === '/opt/zimbra/log/mailbox.log',
    );
    expect(planned.stderr).toContain(`${first.hostname} (${target(first)})`);
    expect(planned.stderr).toContain(`+ log       /opt/zimbra/log/mailbox.log (${formatByteSize(mailbox?.size ?? -1)}`);
    expect(planned.stderr).toContain('+ command   zmcontrol -v (');
    expect(planned.stderr).toMatch(
      /- heap {6}\/opt\/zimbra\/log\/java_pid12345\.hprof \(.*\): Not fetched without consent/,
    );
    expect(planned.stderr).toMatch(
      /^To fetch: .*, about .* with the hosts side by side; free where the collection goes: /m,
    );
    expect(planned.stderr).toContain('Nothing was fetched.');

    // The plan is the journal a run then works from: every planned item is collected.
    const collected = await kit.collect([first, second], out, ...items);
    expect(collected.code).toBe(4); // the dumps still lack consent
    const after = await readJournal(out);
    expect(after.items.map((item) => item.id).sort()).toEqual(journal.items.map((item) => item.id).sort());
    expect(after.items.filter((item) => !item.needsConsent).every((item) => item.status === 'ok')).toBe(true);
  }, 60_000);
});
