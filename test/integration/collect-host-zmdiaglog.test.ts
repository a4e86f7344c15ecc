import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectHost } from '../../electron/core/collect/collect-host';
import { planHost, runItem } from '../../electron/core/collect/host/index';
import type { CollectProfile } from '../../electron/core/vendor';
import type { CollectItem } from '../../electron/shared/collect-schemas';
import { startZimbraHosts, type TestZimbraHost } from '../support/zimbra-host';
import { collectHostOn, collectOptions, itemContext, tempDir, zimbraProfile } from './collect-host-support';

const HOST = 'mbx01.example.test';
let zimbra: TestZimbraHost;
let root: CollectHost;
let profile: CollectProfile;
let out: { dir: string; remove: () => Promise<void> };
const signal = new AbortController().signal;

beforeAll(async () => {
  profile = await zimbraProfile();
  out = await tempDir('casekit-zmdiaglog-');
  [zimbra] = (await startZimbraHosts([{ hostname: HOST }])) as [TestZimbraHost];
  root = await collectHostOn(zimbra);
}, 30_000);
afterAll(async () => {
  await root.close();
  await zimbra.stop();
  await out.remove();
});

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const tmpOnHost = () => readdirSync(zimbra.localPathOf('/opt/zimbra/data/tmp'));

async function planned(args: string[]): Promise<{ item: CollectItem; options: ReturnType<typeof collectOptions> }> {
  const options = collectOptions({ groups: ['zmdiaglog'], zmdiaglogArgs: args });
  const [item] = await planHost(root, profile, options, signal);
  return { item: item as CollectItem, options };
}

describe('zmdiaglog', () => {
  it('is planned as one run with its command line and an estimate', async () => {
    const { item } = await planned(['-z']);
    expect(item).toMatchObject({
      id: `${HOST}|zmdiaglog|zmdiaglog`,
      kind: 'zmdiaglog',
      command: '/opt/zimbra/libexec/zmdiaglog -z',
      status: 'pending',
      needsConsent: false,
    });
    expect(item.size).toBeGreaterThan(0);
    expect(item.estimatedSeconds).toBeGreaterThanOrEqual(240);
    // With a heap dump the estimate grows by the heap (1024 MB in localconfig).
    const withHeap = (await planned(['-a', '-z'])).item;
    expect(withHeap.size).toBeGreaterThan((item.size ?? 0) + 100 * 1024 * 1024);
  });

  it('runs as root with -z, streams its progress, and fetches the archive checked against the md5 in its name', async () => {
    const { item, options } = await planned(['-z']);
    const context = itemContext(root, profile, out.dir, options);
    const outcome = await runItem(item, context);
    const name = path.basename(outcome.localPath);
    const match = /^zmdiaglog-mbx01\.example\.test\.\d{8}-\d{6}\.\d+-([0-9a-f]{32})\.tar\.bz2$/.exec(name);
    expect(match).not.toBeNull();
    expect(outcome.localPath).toBe(`${HOST}/zmdiaglog/${name}`);
    const local = readFileSync(path.join(out.dir, outcome.localPath));
    expect(md5(local)).toBe(match?.[1]);
    expect(outcome).toMatchObject({ size: local.length, sha256: sha256(local), exitCode: 0 });
    const lines = context.progress.map((report) => report.line).filter(Boolean);
    expect(lines).toContain('Collecting thread stats/stacks: 1 of 10');
    expect(lines.some((line) => line?.startsWith('***Archive '))).toBe(true);
    // Kept on the server unless asked: the folder (-z) and the archive.
    expect(tmpOnHost()).toContain(name);
    expect(tmpOnHost()).toContain(name.replace(/-[0-9a-f]{32}\.tar\.bz2$/, ''));
  });

  it('removes its output from the server after the verified copy, when asked to', async () => {
    const before = tmpOnHost();
    const { item } = await planned(['-Z']);
    const options = collectOptions({ groups: ['zmdiaglog'], zmdiaglogArgs: ['-Z'], removeRemoteZmdiaglog: true });
    const outcome = await runItem(item, itemContext(root, profile, out.dir, options));
    expect(existsSync(path.join(out.dir, outcome.localPath))).toBe(true);
    expect(tmpOnHost()).toEqual(before);
  });

  it("without an archive, fetches the folder with a SHA256SUMS manifest whose checksum is the item's", async () => {
    const { item, options } = await planned(['-j']);
    const outcome = await runItem(item, itemContext(root, profile, out.dir, options));
    const folder = path.join(out.dir, outcome.localPath);
    expect(outcome.localPath).toMatch(
      new RegExp(`^${HOST}/zmdiaglog/zmdiaglog-${HOST.replaceAll('.', '\\.')}\\.\\d{8}-\\d{6}\\.\\d+$`),
    );
    const manifest = await readFile(path.join(folder, 'SHA256SUMS'));
    expect(outcome.sha256).toBe(sha256(manifest));
    const listed = manifest.toString().trim().split('\n');
    expect(listed.some((line) => line.endsWith('  zmdiag.log'))).toBe(true);
    expect(listed.some((line) => line.endsWith('  logs/mailbox.log'))).toBe(true);
    expect(listed.some((line) => line.endsWith('  zmjavawatch.log'))).toBe(true);
    for (const line of listed) {
      const [sum, file] = line.split('  ') as [string, string];
      expect(sha256(readFileSync(path.join(folder, file)))).toBe(sum);
    }
  });

  it('with -a, checks that a heap dump fits, runs, and refuses when it would not fit', async () => {
    const config = zimbra.localPathOf('/opt/zimbra/conf/localconfig.xml');
    const original = readFileSync(config, 'utf8');
    const heap = (mb: number) =>
      writeFileSync(config, original.replace(/(name="mailboxd_java_heap_size">\s*<value>)\d+/, `$1${mb}`));
    try {
      heap(1);
      const { item, options } = await planned(['-a', '-z']);
      const outcome = await runItem(item, itemContext(root, profile, out.dir, options));
      expect(outcome.size).toBeGreaterThan(0);
      // A heap of a thousand terabytes fits nowhere.
      heap(1_000_000_000);
      const huge = await planned(['-a', '-z']);
      await expect(runItem(huge.item, itemContext(root, profile, out.dir, huge.options))).rejects.toMatchObject({
        code: 'REMOTE_DISK_FULL',
        message: expect.stringContaining('It was not started'),
      });
    } finally {
      writeFileSync(config, original);
    }
  });
});
