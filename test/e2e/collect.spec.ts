import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Collection } from '../../electron/shared/collect-schemas';
import { startZimbraHosts, type TestZimbraHost } from '../support/zimbra-host';
import { SCREENSHOT_DIR, expect, startServe, test } from './serve-fixture';

const shot = (name: string) => ({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
const CASE_TITLE = 'Mailbox restarts every night';

let hosts: TestZimbraHost[] = [];
let work: string;
let home: string;
let serve: { child: ChildProcess; url: string };

// A serve of its own: the installation's names reach the test hosts through this user's ~/.ssh/config.
test.beforeAll(async () => {
  test.setTimeout(60_000);
  hosts = await startZimbraHosts([
    { hostname: 'mbx01.example.test', services: ['mailbox', 'logger', 'stats'], days: 3 },
    { hostname: 'mta01.example.test', services: ['mta', 'amavis', 'antispam'], days: 3 },
    { hostname: 'ldap01.example.test', services: ['ldap', 'snmp'], days: 3 },
  ]);
  work = await mkdtemp(path.join(os.tmpdir(), 'casekit-e2e-collect-'));
  home = path.join(work, 'data');
  const userHome = path.join(work, 'user');
  await mkdir(path.join(userHome, '.ssh'), { recursive: true, mode: 0o700 });
  const config = hosts.map((host) => `Host ${host.hostname}\n  HostName ${host.address}\n`).join('\n');
  await writeFile(path.join(userHome, '.ssh', 'config'), config, { mode: 0o600 });
  serve = await startServe(home, { HOME: userHome });
});
test.afterAll(async () => {
  if (serve !== undefined) {
    serve.child.kill('SIGTERM');
    await new Promise((resolve) => serve.child.once('exit', resolve));
  }
  await Promise.all(hosts.map((host) => host.stop()));
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

const hostNamed = (name: string) => hosts.find((host) => host.hostname === name) as TestZimbraHost;

/** The host key prompt for `host`: the fingerprint shown is the host's own, then it is trusted. */
async function trustHostKey(page: Page, host: TestZimbraHost): Promise<void> {
  const prompt = page.getByRole('dialog', { name: `Is this really ${host.address}:22?` });
  await expect(prompt).toBeVisible({ timeout: 20_000 });
  await expect(prompt.locator('code.fingerprint')).toHaveText(host.hostKeys[0]!.fingerprint);
  await prompt.getByRole('button', { name: 'Trust and connect' }).click();
  await expect(prompt).toBeHidden();
}

test('add a server, trust its key, discover the others, plan, consent to one dump and collect from three hosts', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const mbx = hostNamed('mbx01.example.test');

  // A case, and its first server.
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel('Title').fill(CASE_TITLE);
  await page.getByLabel('Case number').fill('00077777');
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('heading', { name: CASE_TITLE })).toBeVisible();
  await page.getByRole('link', { name: 'Open the servers of this case' }).click();
  await page.getByRole('button', { name: 'Add server' }).click();
  const form = page.getByRole('form', { name: 'Add a server' });
  await form.getByLabel('Host', { exact: true }).fill(mbx.hostname);
  await form.getByLabel('User', { exact: true }).fill('root');
  await form.getByLabel('Private key file', { exact: true }).fill(mbx.clientKeyPath);
  await form.getByLabel('Name', { exact: true }).fill('Mailbox 1');
  await form.getByRole('button', { name: 'Add server' }).click();
  await expect(page.getByRole('heading', { name: 'Mailbox 1', level: 3 })).toBeVisible();

  // The Collect step: discovery asks Mailbox 1, whose key is new.
  await page.getByRole('link', { name: 'Back to the case overview' }).click();
  await page.getByRole('navigation', { name: 'Case steps' }).getByRole('link', { name: 'Collect' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Collect' })).toBeFocused();
  await page.getByRole('button', { name: 'Discover servers from Mailbox 1' }).click();
  await trustHostKey(page, mbx);
  const discovery = page.getByRole('group', { name: 'The installation as Mailbox 1 lists it' });
  await expect(discovery.getByRole('row', { name: 'mta01.example.test amavis, antispam, mta new' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(
    discovery.getByRole('row', { name: 'mbx01.example.test logger, mailbox, stats already added' }),
  ).toBeVisible();
  await discovery.getByRole('button', { name: 'Add the 2 new servers with the access settings of Mailbox 1' }).click();
  await expect(page.getByRole('status')).toContainText('2 servers were added to the case.');
  const servers = page.getByRole('list', { name: 'Servers of this case' });
  await expect(servers.getByRole('checkbox')).toHaveCount(3);
  await expect(servers.getByText('Roles: amavis, antispam, mta')).toBeVisible();

  // Dumps too; then the plan, meeting the two new servers' keys.
  await page.getByLabel('Dumps and crash files').check();
  await page.getByRole('button', { name: 'Plan' }).click();
  // Which of the two asks first is up to the network: each is checked against its own key.
  for (let i = 0; i < 2; i++) {
    const prompt = page.getByRole('dialog', { name: /^Is this really 10\.77\./ });
    await expect(prompt).toBeVisible({ timeout: 20_000 });
    const title = (await prompt.getByRole('heading', { level: 2 }).textContent()) ?? '';
    const asked = hosts.find((host) => host !== mbx && title.includes(`${host.address}:22`));
    expect(asked, title).toBeDefined();
    await trustHostKey(page, asked as TestZimbraHost);
  }
  const plan = page.getByRole('group', { name: 'The size plan' });
  await expect(plan).toBeVisible({ timeout: 30_000 });
  await expect(plan.getByRole('group', { name: 'Totals' })).toContainText(
    /^\d+ items, .* about .*Free space on this computer/,
  );
  const dumps = plan.getByRole('group', { name: /dumps need your consent$/ });
  await expect(dumps).toContainText('cannot be redacted');
  await dumps.getByLabel('Fetch /opt/zimbra/log/java_pid12345.hprof from mbx01.example.test', { exact: false }).check();
  await page.screenshot(shot('collect-plan-en'));
  await plan.getByRole('button', { name: 'Collect' }).click();

  // Live, then done: every item collected, but the dumps nobody consented to.
  await expect(page.getByText('Collected. Every item is listed below.')).toBeVisible({ timeout: 120_000 });
  const collected = page.getByRole('list', { name: 'Servers of the collection' });
  await expect(collected.getByRole('listitem')).toHaveCount(3);
  await expect(collected.getByText('Done', { exact: true })).toHaveCount(3);
  await expect(collected.getByText('Failed', { exact: true })).toHaveCount(0);
  const rows = collected.locator('tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThan(20);
  for (let i = 0; i < count; i++) {
    const text = (await rows.nth(i).textContent()) ?? '';
    if (!text.includes('OK')) expect(text).toMatch(/Skipped\s*Not fetched without consent/);
  }
  await expect(
    collected.getByRole('row', { name: /^\/opt\/zimbra\/log\/java_pid12345\.hprof Heap dump OK/ }),
  ).toHaveCount(1);
  await page.screenshot(shot('collect-done-en'));

  // What the list says is what collection.json in the case's folder says.
  const caseId = decodeURIComponent(/#\/cases\/([^/]+)/.exec(page.url())?.[1] ?? '');
  const journal = JSON.parse(
    await readFile(path.join(home, 'cases', caseId, 'collection', 'collection.json'), 'utf8'),
  ) as Collection;
  expect(journal.hosts.map((host) => host.host).sort()).toEqual(hosts.map((host) => host.hostname).sort());
  expect(journal.items.filter((item) => item.status === 'ok')).toHaveLength(
    journal.items.length - journal.items.filter((item) => item.status === 'skipped').length,
  );
  expect(journal.items.filter((item) => item.status === 'failed')).toEqual([]);
  expect(consoleErrors, 'no CSP violations or script errors').toEqual([]);
});
