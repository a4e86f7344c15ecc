import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectHost } from '../../electron/core/collect/collect-host';
import { planHost, runItem } from '../../electron/core/collect/host/index';
import type { CollectProfile } from '../../electron/core/vendor';
import { caught } from '../../electron/core/testing/caught';
import type { CollectItem } from '../../electron/shared/collect-schemas';
import { startZimbraHosts, type TestZimbraHost } from '../support/zimbra-host';
import { collectHostOn, collectOptions, itemContext, tempDir, zimbraProfile } from './collect-host-support';

const HOST = 'mbx02.example.test';
let zimbra: TestZimbraHost;
let root: CollectHost;
let plain: CollectHost;
let profile: CollectProfile;
let out: { dir: string; remove: () => Promise<void> };
const signal = new AbortController().signal;

beforeAll(async () => {
  profile = await zimbraProfile();
  out = await tempDir('casekit-zmdiaglog-fail-');
  [zimbra] = (await startZimbraHosts([
    { hostname: HOST, users: [{ name: 'plain', uid: 2303, password: 'pw-plain' }] },
  ])) as [TestZimbraHost];
  [root, plain] = await Promise.all([collectHostOn(zimbra), collectHostOn(zimbra, 'plain')]);
}, 30_000);
afterAll(async () => {
  await Promise.all([root.close(), plain.close()]);
  await zimbra.stop();
  await out.remove();
});

/** Whether a process runs: not gone, and not a zombie waiting for its parent to collect its status. */
function running(pid: number): boolean {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return false;
  }
  const state = /^State:\s+(\S)/m.exec(status)?.[1];
  return state !== undefined && state !== 'Z';
}

async function run(host: CollectHost, args: string[], forProfile: CollectProfile = profile) {
  const options = collectOptions({ groups: ['zmdiaglog'], zmdiaglogArgs: args });
  const [item] = await planHost(host, forProfile, options, signal);
  return caught(runItem(item as CollectItem, itemContext(host, forProfile, out.dir, options)));
}

describe('zmdiaglog failing', () => {
  it('says so when zmdiaglog fails, with what it said', async () => {
    zimbra.setZmdiaglog('fail');
    const error = await run(root, ['-z']);
    expect(error.code).toBe('ZMDIAGLOG_FAILED');
    expect(error.message).toContain('exit status 1');
    expect(error.message).toContain('is not writable by user zimbra');
  });

  it('explains the "Unknown java version" abort', async () => {
    zimbra.setZmdiaglog('unknown-java');
    const error = await run(root, ['-z']);
    expect(error.code).toBe('ZMDIAGLOG_FAILED');
    expect(error.message).toContain("does not recognise the server's Java version");
    expect(error.message).toContain('Unknown java version: openjdk version "99.0.1"');
  });

  it('stops a run that hangs past the limit, with every process it started', async () => {
    zimbra.setZmdiaglog('hang');
    const dest = '/opt/zimbra/data/tmp/hang';
    const quick = { ...profile, zmdiaglog: { ...profile.zmdiaglog, runLimitSecs: 3 } };
    const started = Date.now();
    const error = await run(root, ['-z', '-d', dest], quick);
    expect(error.code).toBe('COMMAND_TIMEOUT');
    expect(error.message).toContain('still running after 3 s');
    expect(Date.now() - started).toBeLessThan(15_000);
    // The folder's name ends with zmdiaglog's pid: that process is gone (the host shares the machine's pids).
    const [folder] = readdirSync(zimbra.localPathOf(dest));
    const pid = /\.(\d+)$/.exec(folder ?? '')?.[1];
    expect(pid).toBeDefined();
    expect(running(Number(pid))).toBe(false);
  });

  it('refuses a damaged archive whose md5 does not match its name, and keeps no local copy', async () => {
    zimbra.setZmdiaglog({ mode: 'ok', corruptArchive: true });
    const error = await run(root, ['-z']);
    expect(error.code).toBe('ZMDIAGLOG_FAILED');
    expect(error.message).toContain('does not match the MD5 in its name');
    const local = path.join(out.dir, HOST, 'zmdiaglog');
    expect(readdirSync(local).filter((name) => name.endsWith('.tar.bz2'))).toEqual([]);
  });

  it('says zmdiaglog must run as root when the login cannot become root', async () => {
    zimbra.setZmdiaglog('ok');
    const error = await run(plain, ['-z']);
    expect(error.code).toBe('SUDO_NOT_ALLOWED');
    expect(error.message).toContain('zmdiaglog must run as root, and plain could not become root');
  });

  it('says where it looked when zmdiaglog is not installed', async () => {
    const missing = { ...profile, zmdiaglog: { ...profile.zmdiaglog, path: '{root}/libexec/zmdiaglog-gone' } };
    const error = await run(root, ['-z'], missing);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('/opt/zimbra/libexec/zmdiaglog-gone');
  });
});
