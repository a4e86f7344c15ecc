import { expect, test } from './serve-fixture';

test('the token check refuses a page without it, or with a wrong one', async ({ browser, serve }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bare = await page.goto(`${serve.origin}/`);
  expect(bare?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'Casekit: access token needed' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Cases' })).toHaveCount(0);

  const wrong = await page.goto(`${serve.origin}/?token=not-the-token`);
  expect(wrong?.status()).toBe(401);
  const api = await page.request.post(`${serve.origin}/api/call/listCases`, { data: {} });
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  await context.close();
});

test('a page reached under another host name (DNS rebinding) is refused', async ({ playwright, serve }) => {
  const request = await playwright.request.newContext();
  const answer = await request.get(`${serve.url}`, {
    headers: { Host: `rebind.example:${serve.port}` },
    maxRedirects: 0,
  });
  expect(answer.status()).toBe(403);
  await request.dispose();
});

test('another site cannot call the API even from the same browser', async ({ page, serve }) => {
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  const request = page.context().request;
  const forged = await request.post(`${serve.origin}/api/call/createCase`, {
    data: { title: 'forged' },
    headers: { Origin: 'http://evil.example' },
  });
  expect(forged.status()).toBe(403);
});
