import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalPath, shipPortal, type ShipPortalOptions } from '../../electron/core/ship/portal/index';
import { CasekitError } from '../../electron/shared/error-codes';
import { type BundleFixture, makeBundle, rewriteSums } from '../support/portal/bundle-fixture';
import { startPortalServer, type TestPortal } from '../support/portal/portal-server';

// The journal next to the parts: a re-run, or a run after a cancel or a crash,
// sends only what the portal does not hold yet, and a part packed again is sent again.

const TOKEN = 'tok-journal-71c3aa90e4';
const CASE = '00012345';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(parts: number[]) {
  const portal = await startPortalServer({ token: TOKEN });
  cleanups.push(() => portal.close());
  const bundle = await makeBundle(parts);
  cleanups.push(() => rm(bundle.dir, { recursive: true, force: true }));
  return { portal, bundle };
}

function options(portal: TestPortal, bundle: BundleFixture, extra: Partial<ShipPortalOptions> = {}): ShipPortalOptions {
  return {
    bundleDir: bundle.dir,
    url: portal.url,
    caseNumber: CASE,
    token: TOKEN,
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
    ...extra,
  };
}

function journalFile(portal: TestPortal, bundle: BundleFixture, caseNumber = CASE): string {
  return journalPath(bundle.dir, new URL(portal.url), caseNumber);
}

describe('portal journal', () => {
  it('makes a re-run send nothing, and holds no token', async () => {
    const { portal, bundle } = await setup([300_000, 300_000]);
    await shipPortal(options(portal, bundle));
    const requests = portal.requests.length;
    expect(requests).toBe(bundle.contents.size);

    const again = await shipPortal(options(portal, bundle));
    expect(portal.requests.length).toBe(requests);
    expect(again.complete).toBe(true);
    for (const file of again.files) {
      expect(file.status).toBe('already-there');
      expect(file.attempts).toBe(0);
      expect(file.serverAnswer).toMatch(/^201 Created/);
    }
    const text = await readFile(journalFile(portal, bundle), 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(JSON.stringify(again)).not.toContain(TOKEN);
    const journal = JSON.parse(text) as { url: string; stored: Record<string, { sha256: string }> };
    expect(journal.url).toBe(portal.url);
    expect(Object.keys(journal.stored).sort()).toEqual([...bundle.contents.keys()].sort());
  });

  it('sends a part again when it changed since it was stored, and only that (with the new SHA256SUMS)', async () => {
    const { portal, bundle } = await setup([200_000, 200_000, 200_000]);
    await shipPortal(options(portal, bundle));
    const before = portal.requests.length;
    const names = [...bundle.contents.keys()].filter((name) => name !== 'SHA256SUMS');
    const changed = names[1] ?? '';
    await writeFile(path.join(bundle.dir, changed), randomBytes(150_000));
    await rewriteSums(bundle.dir, names);

    const receipt = await shipPortal(options(portal, bundle));
    const resent = portal.requests.slice(before).map((r) => r.fileName);
    expect(resent.sort()).toEqual([changed, 'SHA256SUMS'].sort());
    expect(
      receipt.files
        .filter((f) => f.status === 'sent')
        .map((f) => f.name)
        .sort(),
    ).toEqual([changed, 'SHA256SUMS'].sort());
    expect(portal.stored.get(changed)?.size).toBe(150_000);
  });

  it('keeps one journal per URL and case: another case sends everything', async () => {
    const { portal, bundle } = await setup([100_000]);
    await shipPortal(options(portal, bundle));
    const before = portal.requests.length;
    await shipPortal(options(portal, bundle, { caseNumber: '00099999' }));
    expect(portal.requests.length - before).toBe(bundle.contents.size);
    expect(journalFile(portal, bundle)).not.toBe(journalFile(portal, bundle, '00099999'));
  });

  it('cancels mid-upload with CANCELLED, and a run after that sends only what was not stored', async () => {
    const { portal, bundle } = await setup([2_000_000, 2_000_000, 2_000_000, 2_000_000]);
    const [first, second] = [...bundle.contents.keys()];
    const controller = new AbortController();
    const error = await shipPortal(
      options(portal, bundle, {
        concurrency: 1,
        signal: controller.signal,
        // Abort once the portal is receiving the second part (it runs in this process), after the first was stored.
        onProgress: (p) => {
          const receiving = portal.requests.some((r) => r.fileName === second && r.bodyBytes > 0);
          if (p.file === second && p.filesDone === 1 && receiving) controller.abort();
        },
      }),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CasekitError);
    expect((error as CasekitError).code).toBe('CANCELLED');
    expect([...portal.stored.keys()]).toEqual([first]);
    expect(portal.requests.filter((r) => r.fileName === second)).toHaveLength(1);
    // The cancelled request was cut off mid-body, and nothing started after it.
    expect(portal.requests.find((r) => r.fileName === second)?.bodyBytes).toBeLessThan(2_000_000);
    expect(portal.requests).toHaveLength(2);

    const receipt = await shipPortal(options(portal, bundle));
    expect(receipt.complete).toBe(true);
    expect(receipt.files.find((f) => f.name === first)?.status).toBe('already-there');
    for (const [name, bytes] of bundle.contents) {
      expect(portal.stored.get(name)?.count, name).toBe(1);
      expect((await readFile(portal.stored.get(name)?.path ?? '')).equals(bytes), name).toBe(true);
    }
  });

  it('refuses a damaged journal rather than send every part twice unasked', async () => {
    const { portal, bundle } = await setup([100_000]);
    await writeFile(journalFile(portal, bundle), '{"schemaVersion": 1, "url": ');
    const error = await shipPortal(options(portal, bundle)).then(
      () => null,
      (e: unknown) => e as CasekitError,
    );
    expect(error?.code).toBe('BUNDLE_INVALID');
    expect(error?.message).toContain('Delete it to send every part again');
    expect(portal.requests).toHaveLength(0);
    expect((await readdir(bundle.dir)).filter((n) => n.startsWith('.casekit-portal-'))).toHaveLength(1);
  });
});
