import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { startPortalServer, type TestPortal } from '../support/portal/portal-server';
import { SCREENSHOT_DIR, expect, test } from './serve-fixture';

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../../bin/casekit.mjs');
const shot = (name: string) => ({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
const TOKEN = 'tok-E2E-ship-4711';
const CASE_NUMBER = '00054321';

let portal: TestPortal;
/** Answers slowly, so that a shipment of many parts can be paused while it runs. */
let slowPortal: TestPortal;
let work: string;

test.beforeAll(async () => {
  portal = await startPortalServer({ token: TOKEN });
  slowPortal = await startPortalServer({ token: TOKEN, holdMs: 700 });
  work = await mkdtemp(path.join(os.tmpdir(), 'casekit-e2e-ship-'));
});
test.afterAll(async () => {
  await portal?.close();
  await slowPortal?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

/**
 * Logs as a collection would bring them, redacted by the real `casekit redact`
 * into the app's own map. `noise` adds random request ids, which compress
 * badly: a bundle of many small parts.
 */
async function redactedFolder(home: string, name: string, noise = false): Promise<string> {
  const collected = path.join(work, name, 'collected', 'mbx01');
  await mkdir(collected, { recursive: true });
  const lines = Array.from(
    { length: 400 },
    (_, i) =>
      `2026-11-26 02:${String(i % 60).padStart(2, '0')}:00 INFO [qtp-${i}] account=alice${i}@mail.example.org ip=10.1.2.${i % 250} mailbox ok${noise ? ` rid=${randomBytes(24).toString('hex')}` : ''}`,
  );
  await writeFile(path.join(collected, 'mailbox.log'), `${lines.join('\n')}\n`);
  await writeFile(path.join(collected, 'zmcontrol-status.txt'), 'Host mbx01.mail.example.org\n\tmailbox Running\n');
  const out = path.join(work, name, 'redacted');
  await run(process.execPath, [CLI, 'redact', path.join(collected, '..'), '--out', out], {
    env: { ...process.env, CASEKIT_HOME: home },
  });
  return out;
}

/** A new case with its number, then its Ship step, as a user gets there. */
async function openShipStep(page: Page, url: string, title: string, caseNumber: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Case number').fill(caseNumber);
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await page.getByRole('navigation', { name: 'Case steps' }).getByRole('link', { name: 'Ship' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Ship' })).toBeFocused();
}

/** The token prompt of the app's PromptHost, answered. */
async function answerToken(page: Page, portalUrl: string): Promise<void> {
  const prompt = page.getByRole('dialog', { name: `Upload token for the portal ${portalUrl}` });
  await expect(prompt).toBeVisible({ timeout: 15_000 });
  await prompt.getByLabel('Token', { exact: true }).fill(TOKEN);
  await prompt.getByRole('button', { name: 'Continue' }).click();
  await expect(prompt).toBeHidden();
}

test('pack a redacted folder, ship it to the portal answering the token prompt, copy the receipt, record a link', async ({
  page,
  serve,
  context,
}) => {
  test.setTimeout(90_000);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const folder = await redactedFolder(serve.home, 'plain');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.origin });
  await openShipStep(page, serve.url, 'Ship step end to end', CASE_NUMBER);

  // Bundle: preview, then pack.
  await page.getByLabel('Redacted folder').fill(folder);
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('group', { name: 'What packing would take' });
  await expect(preview.getByText(/^2 files, .* in all\.$/)).toBeVisible();
  await expect(preview.getByText('No binary files', { exact: false })).toBeVisible();
  await expect(preview.getByLabel('Part size')).toHaveValue('9.5MiB');
  await page.screenshot(shot('ship-preview-en'));
  await preview.getByRole('button', { name: 'Pack' }).click();
  await expect(page.getByText('Packed. The new bundle is at the top of the list below.')).toBeVisible({
    timeout: 30_000,
  });
  const bundleName = new RegExp(`^case-${CASE_NUMBER}-\\d{8}T\\d{6}Z\\.tar\\.gz`);
  const bundle = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: bundleName }) });
  await expect(bundle).toBeVisible();
  await bundle.getByRole('button', { name: 'Verify' }).click();
  await expect(bundle.getByText(/^All is well/)).toBeVisible();

  // Send: to the real test portal; the token is asked for in the app's prompt.
  await bundle.getByRole('button', { name: 'Send this bundle' }).click();
  await expect(page.getByRole('heading', { name: 'Send', exact: true })).toBeFocused();
  const form = page.getByRole('form', { name: 'Support portal' });
  await form.getByLabel('Portal upload address').fill(portal.url);
  await form.getByRole('button', { name: 'Start sending' }).click();
  await answerToken(page, portal.url);
  await expect(page.getByText('Sent. The receipt is in the list below.')).toBeVisible({ timeout: 30_000 });

  // The receipt, and what really arrived.
  const receipts = page.getByRole('list', { name: 'Receipts' });
  const receipt = receipts.getByRole('listitem').filter({ hasText: portal.url });
  await expect(receipt.getByRole('heading', { name: 'Support portal complete' })).toBeVisible();
  const rows = receipt.getByRole('row');
  // The part, the bundle's .sha256, README.txt and SHA256SUMS, each with its status.
  await expect(rows.filter({ hasText: /sent$/ })).toHaveCount(4);
  expect([...portal.stored.keys()]).toEqual(expect.arrayContaining(['SHA256SUMS', 'README.txt']));
  for (const [name, stored] of portal.stored) {
    if (stored.count !== 1) throw new Error(`${name} was stored ${stored.count} times`);
    if (name !== 'SHA256SUMS')
      await expect(
        receipt.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }),
      ).toContainText(stored.sha256);
  }
  expect(portal.requests.every((request) => request.caseNumber === CASE_NUMBER)).toBe(true);
  await page.screenshot(shot('ship-receipt-en'));

  await receipt.getByRole('button', { name: 'Copy receipt text' }).click();
  await expect(page.getByRole('status')).toContainText('The receipt text is on the clipboard.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`Case ${CASE_NUMBER}:`);
  expect(copied).toContain(portal.url);
  expect(copied).not.toContain(TOKEN);

  // A download link shared elsewhere, recorded with the case.
  await page.getByRole('radio', { name: 'Download link' }).check();
  const link = page.getByRole('form', { name: 'Download link' });
  await link.getByLabel('Download link').fill('https://files.example.com/s/e2e-ship');
  await link.getByLabel('Note (optional)').fill('Ask for the password by phone.');
  await link.getByRole('button', { name: 'Record the link' }).click();
  await expect(page.getByRole('status')).toContainText('The download link was recorded with the case.');
  const linkReceipt = receipts.getByRole('listitem').filter({ hasText: 'https://files.example.com/s/e2e-ship' });
  await expect(linkReceipt.getByRole('heading', { name: /^Download link/ })).toBeVisible();
  await expect(linkReceipt.getByText('Ask for the password by phone.')).toBeVisible();

  // Both shipments are in this case's file (other tests sharing this server leave cases of their own,
  // a deliberately damaged one among them, so it is found by the id in the address).
  const caseId = decodeURIComponent(/#\/cases\/([^/]+)/.exec(page.url())?.[1] ?? '');
  expect(caseId).not.toBe('');
  const ours = JSON.parse(await readFile(path.join(serve.home, 'cases', caseId, 'case.json'), 'utf8'));
  expect(ours.caseNumber).toBe(CASE_NUMBER);
  expect(ours.shipments.map((shipment: { channel: string }) => shipment.channel)).toEqual(['portal', 'link']);

  expect(consoleErrors, 'no CSP violations or script errors').toEqual([]);
});

test('pause a shipment to the portal while parts are under way, then resume: what arrived is skipped', async ({
  page,
  serve,
}) => {
  test.setTimeout(90_000);
  const folder = await redactedFolder(serve.home, 'noisy', true);
  await openShipStep(page, serve.url, 'Ship step paused and resumed', '00054322');

  await page.getByLabel('Redacted folder').fill(folder);
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('group', { name: 'What packing would take' });
  await preview.getByLabel('Part size').fill('4KiB');
  await preview.getByRole('button', { name: 'Pack' }).click();
  await expect(page.getByText('Packed. The new bundle is at the top of the list below.')).toBeVisible({
    timeout: 30_000,
  });
  const bundle = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^case-00054322-/ }) });
  await expect(bundle.getByText(/^\d+ parts, /)).toBeVisible();
  await bundle.getByRole('button', { name: 'Send this bundle' }).click();

  const form = page.getByRole('form', { name: 'Support portal' });
  await form.getByLabel('Portal upload address').fill(slowPortal.url);
  await form.getByRole('button', { name: 'Start sending' }).click();
  await answerToken(page, slowPortal.url);

  // Progress per part: files sent so far out of all of them, and the part being sent.
  const progress = page.locator('.job-progress');
  await expect(progress.getByText(/^[1-9]\d* of \d+$/)).toBeVisible({ timeout: 20_000 });
  await expect(progress.getByRole('progressbar', { name: 'Sending' })).toBeVisible();
  await expect(progress.getByText(/\.part\d{3}$/)).toBeVisible();
  await page.screenshot(shot('ship-progress-en'));
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByText(/^Paused\. Resume starts the same shipment again/)).toBeVisible({ timeout: 15_000 });
  const receipts = page.getByRole('list', { name: 'Receipts' });
  await expect(receipts.getByRole('heading', { name: 'Support portal incomplete' })).toBeVisible();

  await page.getByRole('button', { name: 'Resume' }).click();
  await answerToken(page, slowPortal.url);
  await expect(page.getByText('Sent. The receipt is in the list below.')).toBeVisible({ timeout: 60_000 });
  const resumed = receipts.getByRole('listitem').first();
  await expect(resumed.getByRole('heading', { name: 'Support portal complete' })).toBeVisible();
  // The parts that had arrived before the pause were not sent again.
  await expect(
    resumed
      .getByRole('row')
      .filter({ hasText: /already there$/ })
      .first(),
  ).toBeVisible();
  const names = await resumed.getByRole('rowheader').allTextContents();
  expect(names.length).toBeGreaterThan(4);
  for (const name of names) expect(slowPortal.stored.has(name), name).toBe(true);
});
