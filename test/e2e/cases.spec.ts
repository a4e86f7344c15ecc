import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SCREENSHOT_DIR, expect, test } from './serve-fixture';

const shot = (name: string) => ({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

test.describe.configure({ mode: 'serial' });

test('create a case in English, switch to Polish, reload: the case and the language stay', async ({ page, serve }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });

  await page.goto(serve.url);
  // The token in the address is traded for a cookie and dropped from the address bar.
  expect(page.url()).not.toContain('token=');
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  await page.screenshot(shot('case-list-empty-en'));

  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel('Title').fill('Mailbox stops every day at 4 am');
  await page.getByLabel('Case number').fill('00012345');
  await page.screenshot(shot('new-case-form-en'));
  await page.getByRole('button', { name: 'Create case' }).click();

  await expect(page.getByRole('heading', { name: 'Mailbox stops every day at 4 am' })).toBeVisible();
  await expect(page.getByText('00012345').first()).toBeVisible();
  await page.screenshot(shot('case-page-en'));

  await page.getByLabel('Language').selectOption('pl');
  await expect(page.getByRole('navigation', { name: 'Kroki sprawy' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(page.getByRole('heading', { name: 'Mailbox stops every day at 4 am' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Ścieżka nawigacji' }).getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Sprawy', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Mailbox stops every day at 4 am' })).toBeVisible();
  await page.screenshot(shot('case-list-pl'));

  // It really is on disk: one folder with a versioned case.json.
  const folders = await readdir(path.join(serve.home, 'cases'));
  expect(folders).toHaveLength(1);
  const document = JSON.parse(await readFile(path.join(serve.home, 'cases', folders[0]!, 'case.json'), 'utf8'));
  expect(document).toMatchObject({
    schemaVersion: 1,
    title: 'Mailbox stops every day at 4 am',
    caseNumber: '00012345',
  });

  expect(consoleErrors, 'no CSP violations or script errors').toEqual([]);
  await page.getByLabel('Język').selectOption('en');
});

test('a case number that is not 8 digits is refused before anything is created', async ({ page, serve }) => {
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel('Title').fill('Queue grows after the upgrade');
  await page.getByLabel('Case number').fill('12345');
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByText('A case number is exactly 8 digits, for example 00012345.')).toBeVisible();
  await expect(page.getByLabel('Case number')).toBeFocused();
  await page.screenshot(shot('new-case-invalid-number-en'));
  expect(await readdir(path.join(serve.home, 'cases'))).toHaveLength(1);
});

test('every step not built yet says so', async ({ page, serve }) => {
  await page.goto(serve.url);
  await page.getByRole('link', { name: 'Mailbox stops every day at 4 am' }).click();
  const steps = page.getByRole('navigation', { name: 'Case steps' });
  for (const step of ['Contact', 'Describe', 'Severity', 'Review & redact', 'Expect']) {
    await steps.getByRole('link', { name: step }).click();
    await expect(steps.getByRole('link', { name: step })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('main').getByText('Not built yet').first()).toBeVisible();
  }
  await page.screenshot(shot('step-expect-not-built-en'));
  // The steps that are built show their screens, not the notice.
  for (const step of ['Collect', 'Ship']) {
    await steps.getByRole('link', { name: step }).click();
    await expect(steps.getByRole('link', { name: step })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('main').getByText('Not built yet')).toHaveCount(0);
  }
});

test('the UI is usable from the keyboard and readable in dark', async ({ page, serve }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  expect(new URL(page.url()).hash, 'skipping does not change the route').not.toBe('#main');
  await page.getByRole('button', { name: 'New case' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Keyboard-only case');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Keyboard-only case' })).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r + g + b, `dark background, got ${background}`).toBeLessThan(200);
  await page.screenshot(shot('case-page-dark-en'));
});

test('deleting asks for confirmation and can be cancelled', async ({ page, serve }) => {
  await page.goto(serve.url);
  await page.getByRole('link', { name: 'Keyboard-only case' }).click();
  await page.getByRole('button', { name: 'Delete case' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot(shot('delete-dialog-en'));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await readdir(path.join(serve.home, 'cases'))).toHaveLength(2);

  await page.getByRole('button', { name: 'Delete case' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete permanently' }).click();
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Keyboard-only case' })).toHaveCount(0);
  expect(await readdir(path.join(serve.home, 'cases'))).toHaveLength(1);
});

test('a damaged case file is shown with its reason and never overwritten', async ({ page, serve }) => {
  const folder = path.join(serve.home, 'cases', 'c-20261125-deadbeef');
  await mkdir(folder, { recursive: true });
  const damaged = '{"schemaVersion": 1, "title": "half-written';
  await writeFile(path.join(folder, 'case.json'), damaged);

  await page.goto(serve.url);
  const problems = page.getByRole('region', { name: 'Cases that cannot be read' });
  await expect(problems).toBeVisible();
  await expect(problems.getByText('c-20261125-deadbeef').first()).toBeVisible();
  await expect(problems.getByText(/not valid JSON/)).toBeVisible();
  await page.screenshot(shot('case-list-unreadable-en'));

  await page.goto(`${serve.origin}/#/cases/c-20261125-deadbeef`);
  await expect(page.getByRole('heading', { name: 'This case cannot be opened' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete case' })).toHaveCount(0);
  expect(await readFile(path.join(folder, 'case.json'), 'utf8')).toBe(damaged);
});
