import net from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CASEKIT_PASSWORD, execTestUsers } from '../support/sshd/exec-test-server';
import { startSshd, type TestSshd } from '../support/sshd/start-sshd';
import { SCREENSHOT_DIR, expect, test } from './serve-fixture';

// The Servers screen against real sshd processes: whether sudo works, which hop of
// a jump chain asks, and cancelling a test stuck on a server that never answers.
const shot = (name: string) => ({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
const JUMP_PASSWORD = 'pw-jump-E2E-5150';
const TARGET_PASSWORD = 'pw-target-E2E-6262';

let sudoHost: TestSshd;
let jump: TestSshd;
let target: TestSshd;

test.beforeAll(async () => {
  [sudoHost, jump, target] = await Promise.all([
    startSshd({ users: execTestUsers({ zimbra: true }) }),
    startSshd({ rootPassword: JUMP_PASSWORD }),
    startSshd({ rootPassword: TARGET_PASSWORD }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([sudoHost, jump, target].map((sshd) => sshd.stop()));
});

interface NewServer {
  name: string;
  host: string;
  port: number;
  user: string;
  jump?: string;
  useSudo?: boolean;
}

/** Adds a server through the form and returns its list item. */
async function addServer(page: Page, server: NewServer) {
  await page.getByRole('button', { name: 'Add server' }).click();
  const form = page.getByRole('form', { name: 'Add a server' });
  await form.getByLabel('Host', { exact: true }).fill(server.host);
  await form.getByLabel('Port', { exact: true }).fill(String(server.port));
  await form.getByLabel('User', { exact: true }).fill(server.user);
  await form.getByLabel('Name', { exact: true }).fill(server.name);
  if (server.jump !== undefined) await form.getByLabel('Jump hosts', { exact: true }).fill(server.jump);
  if (server.useSudo === true) await form.getByLabel('Use sudo to become root').check();
  await form.getByRole('button', { name: 'Add server' }).click();
  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: server.name, level: 3 }) });
  await expect(item).toBeVisible();
  return item;
}

async function openServers(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Servers' }).click();
  await expect(page.getByRole('heading', { name: 'Servers', level: 1 })).toBeVisible();
}

async function typeSecret(page: Page, dialogName: string | RegExp, value: string, button = 'Log in') {
  const dialog = page.getByRole('dialog', { name: dialogName });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Password', { exact: true }).fill(value);
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden();
}

test('checks that sudo works: a wrong sudo password is asked again, the right one works', async ({ page, serve }) => {
  await openServers(page, serve.url);
  const name = `Sudo sshd ${sudoHost.port}`;
  const item = await addServer(page, {
    name,
    host: sudoHost.host,
    port: sudoHost.port,
    user: 'casekit',
    useSudo: true,
  });
  await item.getByRole('button', { name: 'Test connection' }).click();

  await page
    .getByRole('dialog', { name: `Is this really 127.0.0.1:${sudoHost.port}?` })
    .getByRole('button', { name: 'Trust and connect' })
    .click();
  await typeSecret(page, `Password for casekit@127.0.0.1:${sudoHost.port}`, CASEKIT_PASSWORD);

  const sudoName = `sudo password for casekit@127.0.0.1:${sudoHost.port}`;
  const sudo = page.getByRole('dialog', { name: sudoName });
  await expect(sudo).toBeVisible();
  await expect(sudo).toContainText("this user's own login password, not root's");
  await page.screenshot(shot('sudo-password-prompt-en'));
  await typeSecret(page, sudoName, 'not-the-password', 'Check sudo');

  // sudo rejected it: asked again, saying so.
  await expect(page.getByRole('dialog', { name: sudoName }).getByRole('alert')).toContainText('attempt 2');
  await typeSecret(page, sudoName, CASEKIT_PASSWORD, 'Check sudo');

  const result = item.locator('.notice-success');
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(result.getByText('Root through sudo', { exact: true })).toBeVisible();
  await expect(result.getByText('Works with the password you entered', { exact: true })).toBeVisible();
  await page.screenshot(shot('connection-test-sudo-en'));
});

test('says which hop of a jump chain shows its host key and asks for its password', async ({ page, serve }) => {
  await openServers(page, serve.url);
  const name = `Behind a jump host ${target.port}`;
  const item = await addServer(page, {
    name,
    host: target.host,
    port: target.port,
    user: 'root',
    jump: `root@127.0.0.1:${jump.port}`,
  });
  await item.getByRole('button', { name: 'Test connection' }).click();

  const jumpKey = page.getByRole('dialog', { name: `Is this really 127.0.0.1:${jump.port}?` });
  await expect(jumpKey).toContainText('Jump host 1 of 1');
  await expect(jumpKey.locator('code.fingerprint')).toHaveText(jump.hostKeys[0]!.fingerprint);
  await page.screenshot(shot('host-key-prompt-jump-host-en'));
  await jumpKey.getByRole('button', { name: 'Trust and connect' }).click();

  const jumpPassword = page.getByRole('dialog', { name: `Password for root@127.0.0.1:${jump.port}` });
  await expect(jumpPassword).toContainText('Jump host 1 of 1');
  await typeSecret(page, `Password for root@127.0.0.1:${jump.port}`, JUMP_PASSWORD);

  const targetKey = page.getByRole('dialog', { name: `Is this really 127.0.0.1:${target.port}?` });
  await expect(targetKey).toContainText('Target server, behind 1 jump host');
  await expect(targetKey.locator('code.fingerprint')).toHaveText(target.hostKeys[0]!.fingerprint);
  await targetKey.getByRole('button', { name: 'Trust and connect' }).click();
  await typeSecret(page, `Password for root@127.0.0.1:${target.port}`, TARGET_PASSWORD);

  await expect(item.locator('.notice-success')).toBeVisible({ timeout: 20_000 });
});

test('cancels a test stuck on a server that never answers', async ({ page, serve }) => {
  const sockets = new Set<net.Socket>();
  // Reads what the client sends and never answers: a hung sshd or a black-holing firewall.
  const silent = net.createServer((socket) => {
    sockets.add(socket.on('error', () => undefined).resume());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = silent.address() as net.AddressInfo;
    await openServers(page, serve.url);
    const name = `Silent server ${port}`;
    const item = await addServer(page, { name, host: '127.0.0.1', port, user: 'root' });
    await item.getByRole('button', { name: 'Test connection' }).click();

    const cancel = item.getByRole('button', { name: 'Cancel test' });
    await expect(cancel).toBeVisible();
    await expect.poll(() => sockets.size).toBe(1);
    await page.screenshot(shot('connection-test-running-en'));
    await cancel.click();

    await expect(item.getByText(`The test of ${name} was cancelled.`, { exact: false })).toBeVisible();
    await expect(cancel).toBeHidden();
    await expect(item.getByRole('button', { name: 'Test connection' })).toBeEnabled();
    // Casekit closed its connection: the server sees the socket go.
    await expect.poll(() => sockets.size).toBe(0);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});
