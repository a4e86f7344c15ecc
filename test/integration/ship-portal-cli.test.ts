import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ShipReceipt } from '../../electron/core/ship/ship-types';
import { makeBundle } from '../support/portal/bundle-fixture';
import { selfSignedCert } from '../support/portal/self-signed-cert';
import { startPortalServer, type TestPortal } from '../support/portal/portal-server';
import { runCli } from '../support/cli/run-cli';

// `casekit ship portal` as a script runs it, through run() of the CLI, against
// the test portal: exit codes of CLI.md, the receipt on stdout with --json,
// and the token in no output and no file.

const TOKEN = 'tok-cli-0d8e44b19f2a';
const ENV = 'CASEKIT_TEST_PORTAL_TOKEN';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(parts: number[] = [300_000, 300_000, 100_000]) {
  const portal = await startPortalServer({ token: TOKEN });
  cleanups.push(() => portal.close());
  const bundle = await makeBundle(parts);
  cleanups.push(() => rm(bundle.dir, { recursive: true, force: true }));
  return { portal, bundle };
}

const cli = (args: string[]) => runCli(['ship', 'portal', ...args]);

function ship(portal: TestPortal, dir: string, extra: string[] = []): string[] {
  return [dir, '--url', portal.url, '--case', '00012345', '--token-env', ENV, ...extra];
}

describe('casekit ship portal', () => {
  it('ships a bundle folder, exit 0, the receipt on stdout, the token nowhere', async () => {
    const { portal, bundle } = await setup();
    vi.stubEnv(ENV, TOKEN);
    const result = await cli(ship(portal, bundle.dir, ['--json', '--concurrency', '3']));
    expect(result.code, result.stderr).toBe(0);
    const receipt = JSON.parse(result.stdout) as ShipReceipt;
    expect(receipt).toMatchObject({ channel: 'portal', destination: portal.url, complete: true });
    expect(receipt.files.map((f) => f.name).sort()).toEqual([...bundle.contents.keys()].sort());
    expect(result.stderr).toContain(`Shipped ${bundle.contents.size} of ${bundle.contents.size} files`);
    for (const [name, bytes] of bundle.contents) {
      expect((await readFile(portal.stored.get(name)?.path ?? '')).equals(bytes)).toBe(true);
    }
    const journal = (await readdir(bundle.dir)).find((n) => n.startsWith('.casekit-portal-')) ?? '';
    const journalText = await readFile(path.join(bundle.dir, journal), 'utf8');
    for (const text of [result.stdout, result.stderr, journalText]) expect(text).not.toContain(TOKEN);

    const again = await cli(ship(portal, bundle.dir));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`(${bundle.contents.size} already there from an earlier run)`);
  });

  it('exits 3 when the portal refuses a file, listing it with the server message', async () => {
    const { portal, bundle } = await setup();
    const refused = [...bundle.contents.keys()][0] ?? '';
    portal.fault = ({ fileName }) =>
      fileName === refused ? { kind: 'status', status: 400, message: 'Virus scan failed.' } : null;
    vi.stubEnv(ENV, TOKEN);
    const result = await cli(ship(portal, bundle.dir, ['--json']));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      `${refused}: failed: The portal refused ${refused}: 400 Bad Request: Virus scan failed.`,
    );
    expect(result.stderr).toContain('Run the same command again to send only what is missing.');
    const receipt = JSON.parse(result.stdout) as ShipReceipt;
    expect(receipt.complete).toBe(false);
    expect(receipt.files.filter((f) => f.status === 'sent')).toHaveLength(bundle.contents.size - 1);
  });

  it('exits 1 for a wrong token, saying the portal refused it', async () => {
    const { portal, bundle } = await setup();
    vi.stubEnv(ENV, 'wrong-token');
    const result = await cli(ship(portal, bundle.dir));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The portal refused the token (401 Unauthorized: The token is not valid.)');
    expect(result.stderr).not.toContain('wrong-token');
    expect(portal.requests.length).toBeLessThanOrEqual(2);
  });

  it('exits 2 before any request for a bad case number, size, concurrency, folder, URL or token variable', async () => {
    const { portal, bundle } = await setup([1000]);
    vi.stubEnv(ENV, TOKEN);
    const base = ship(portal, bundle.dir);
    const withCase = (value: string) => base.map((arg) => (arg === '00012345' ? value : arg));
    const cases: [string[], string][] = [
      [withCase('1234'), 'exactly 8 digits'],
      [withCase('000123456'), 'exactly 8 digits'],
      [[...base, '--limit', '10 apples'], 'is not a size'],
      [[...base, '--concurrency', '4'], '1 to 3'],
      [base.map((arg) => (arg === bundle.dir ? path.join(bundle.dir, 'missing') : arg)), 'is not a folder'],
      [base.map((arg) => (arg === portal.url ? 'http://portal.example/upload' : arg)), 'plain http'],
      [base.map((arg) => (arg === ENV ? 'CASEKIT_TEST_UNSET_VARIABLE' : arg)), 'not set or is empty'],
    ];
    for (const [args, said] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(said);
    }
    expect(portal.requests).toHaveLength(0);
  });

  it('exits 2 for a part over --limit, with no request sent', async () => {
    const { portal, bundle } = await setup([200_000, 50_000]);
    vi.stubEnv(ENV, TOKEN);
    const result = await cli(ship(portal, bundle.dir, ['--limit', '100kB']));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /over the portal's limit of 100000\. Nothing was sent\. Pack again with --part-size \d+/,
    );
    expect(portal.requests).toHaveLength(0);
  });

  it('takes the limit and form fields from the vendor profile (CASEKIT_RESOURCES_DIR) when not given', async () => {
    const resources = await mkdtemp(path.join(os.tmpdir(), 'casekit-resources-'));
    cleanups.push(() => rm(resources, { recursive: true, force: true }));
    const profile = JSON.parse(await readFile(path.resolve('resources/vendors/zimbra.json'), 'utf8')) as {
      ship: { portal: { limit: number; fields: { case: string; file: string } } };
    };
    profile.ship.portal.limit = 120_000;
    profile.ship.portal.fields = { case: 'ticket', file: 'upload' };
    await mkdir(path.join(resources, 'vendors'));
    await writeFile(path.join(resources, 'vendors', 'zimbra.json'), JSON.stringify(profile));
    vi.stubEnv('CASEKIT_RESOURCES_DIR', resources);
    vi.stubEnv(ENV, TOKEN);

    const { portal, bundle } = await setup([200_000, 50_000]);
    const tooBig = await cli(ship(portal, bundle.dir));
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toContain("over the portal's limit of 120000. Nothing was sent.");
    expect(portal.requests).toHaveLength(0);

    // A portal that takes only the profile's field names stores the files.
    const renamed = await startPortalServer({ token: TOKEN, caseField: 'ticket', fileField: 'upload' });
    cleanups.push(() => renamed.close());
    const small = await makeBundle([50_000]);
    cleanups.push(() => rm(small.dir, { recursive: true, force: true }));
    const sent = await cli(ship(renamed, small.dir));
    expect(sent.code, sent.stderr).toBe(0);
    expect([...renamed.stored.keys()].sort()).toEqual([...small.contents.keys()].sort());

    const unknown = await cli(ship(renamed, small.dir, ['--vendor', 'acme']));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `There is no vendor profile "acme" (${path.join(resources, 'vendors', 'acme.json')}`,
    );
  });

  it('exits 2 for a folder without SHA256SUMS', async () => {
    const { portal } = await setup([1000]);
    const empty = await mkdtemp(path.join(os.tmpdir(), 'casekit-not-a-bundle-'));
    cleanups.push(() => rm(empty, { recursive: true, force: true }));
    vi.stubEnv(ENV, TOKEN);
    const result = await cli(ship(portal, empty));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no readable SHA256SUMS');
  });

  it('without --token-env, no saved token and no terminal, says how to pass one (exit 2)', async () => {
    const { portal, bundle } = await setup([1000]);
    const args = [bundle.dir, '--url', portal.url, '--case', '00012345'];
    // No Secret Service in this test: the keychain reads as empty, as on a headless server.
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', 'unix:path=/nonexistent/casekit-test-bus');
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Pass --token-env VAR');
    expect(portal.requests).toHaveLength(0);
  });
});

describe('casekit ship portal over https', () => {
  it('exits 4 for a certificate it does not trust, with nothing sent', async () => {
    const portal = await startPortalServer({ token: TOKEN, tls: await selfSignedCert() });
    cleanups.push(() => portal.close());
    const bundle = await makeBundle([1000]);
    cleanups.push(() => rm(bundle.dir, { recursive: true, force: true }));
    vi.stubEnv(ENV, TOKEN);
    const result = await cli(ship(portal, bundle.dir));
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('presented a certificate Casekit does not trust');
    expect(portal.requests).toHaveLength(0);
  });
});
