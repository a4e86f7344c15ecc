import os from 'node:os';
import path from 'node:path';
import { startSshd, type TestSshd } from '../support/sshd/start-sshd';
import { SCREENSHOT_DIR, expect, test } from './serve-fixture';

const shot = (name: string) => ({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
const ROOT_PASSWORD = 'pw-root-E2E-4711';

let sshd: TestSshd;

test.beforeAll(async () => {
  sshd = await startSshd({ rootPassword: ROOT_PASSWORD });
});
test.afterAll(async () => {
  await sshd.stop();
});

test('add a real server, trust its host key after comparing it, log in with a password', async ({ page, serve }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  // A name of its own: the serve fixture (and its data) is shared with the other spec files.
  const name = `Test sshd ${sshd.port}`;

  await page.goto(serve.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Servers' }).click();
  await expect(page.getByRole('heading', { name: 'Servers', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Add server' }).click();
  const form = page.getByRole('form', { name: 'Add a server' });
  await form.getByLabel('Host', { exact: true }).fill(sshd.host);
  await form.getByLabel('Port', { exact: true }).fill(String(sshd.port));
  await form.getByLabel('User', { exact: true }).fill('root');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await page.screenshot(shot('server-form-en'));
  await form.getByRole('button', { name: 'Add server' }).click();

  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, level: 3 }) });
  await expect(item).toBeVisible();
  await item.getByRole('button', { name: 'Test connection' }).click();

  const hostKey = page.getByRole('dialog', { name: `Is this really 127.0.0.1:${sshd.port}?` });
  await expect(hostKey).toBeVisible();
  await expect(hostKey.locator('code.fingerprint')).toHaveText(sshd.hostKeys[0]!.fingerprint);
  await expect(hostKey.getByRole('button', { name: "Don't connect" })).toBeFocused();
  await page.screenshot(shot('host-key-prompt-en'));
  await hostKey.getByRole('button', { name: 'Trust and connect' }).click();

  const password = page.getByRole('dialog', { name: `Password for root@127.0.0.1:${sshd.port}` });
  await expect(password).toBeVisible();
  await expect(password.getByLabel('Password', { exact: true })).toBeFocused();
  // This browser session has no keychain, so remembering is offered disabled, with the reason.
  await expect(password.getByLabel('Remember in the OS keychain')).toBeDisabled();
  await password.getByLabel('Password', { exact: true }).fill(ROOT_PASSWORD);
  await page.screenshot(shot('password-prompt-en'));
  await password.getByRole('button', { name: 'Log in' }).click();
  await expect(password).toBeHidden();

  const result = item.locator('.notice-success');
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(result.getByText('Password', { exact: true })).toBeVisible();
  await expect(result.getByText(os.hostname(), { exact: true })).toBeVisible();
  await expect(result.getByText(sshd.hostKeys[0]!.fingerprint)).toBeVisible();
  await page.screenshot(shot('connection-test-result-en'));

  expect(consoleErrors, 'no CSP violations or script errors').toEqual([]);
});
