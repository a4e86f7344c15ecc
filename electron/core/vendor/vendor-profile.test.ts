import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CasekitError } from '../../shared/error-codes';
import { jsonPath, loadVendorProfile, resolveResourcesDir, vendorProfileSchema } from './index';

const repoResources = path.resolve(import.meta.dirname, '../../../resources');
const zimbraFile = path.join(repoResources, 'vendors', 'zimbra.json');

const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function profileDir(id: string, content: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-vendor-'));
  temps.push(dir);
  await mkdir(path.join(dir, 'vendors'));
  await writeFile(path.join(dir, 'vendors', `${id}.json`), content);
  return dir;
}

async function zimbraJson(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(zimbraFile, 'utf8')) as Record<string, unknown>;
}

async function refusal(promise: Promise<unknown>): Promise<CasekitError> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CasekitError);
  return error as CasekitError;
}

describe('the Zimbra profile shipped in resources/vendors', () => {
  it('validates and holds the values Zimbra documents, and no invented address', async () => {
    expect(vendorProfileSchema.safeParse(await zimbraJson()).success).toBe(true);
    const profile = await loadVendorProfile('zimbra', { resourcesDir: repoResources });
    expect(profile.ship).toEqual({
      portal: { url: null, fields: { case: 'case', file: 'file' }, limit: 10_000_000, concurrency: 2 },
      email: { limit: 10_000_000 },
      ftp: { url: null },
    });
  });

  it('is found from the source tree, the way vitest runs the core', () => {
    expect(resolveResourcesDir({ env: {} })).toBe(repoResources);
  });
});

describe('vendorProfileSchema', () => {
  it('refuses a bad field, naming its JSON path', async () => {
    const json = await zimbraJson();
    const ship = json.ship as { portal: Record<string, unknown> };
    ship.portal.limit = 0;
    const result = vendorProfileSchema.safeParse(json);
    expect(result.success).toBe(false);
    expect(jsonPath(result.error?.issues[0]?.path ?? [])).toBe('ship.portal.limit');
  });

  it('refuses keys it does not know, at the top and inside, and a plain-http portal', async () => {
    for (const change of [
      (json: Record<string, unknown>) => (json.logs = []),
      (json: Record<string, unknown>) => ((json.ship as Record<string, unknown>).sftp = {}),
      (json: Record<string, unknown>) =>
        ((json.ship as { portal: Record<string, unknown> }).portal.url = 'http://x.example/'),
      (json: Record<string, unknown>) => (json.schemaVersion = 2),
    ]) {
      const json = await zimbraJson();
      change(json);
      expect(vendorProfileSchema.safeParse(json).success).toBe(false);
    }
  });

  it('formats array indexes as JSON paths do', () => {
    expect(jsonPath(['contacts', 0, 'email'])).toBe('contacts[0].email');
    expect(jsonPath([])).toBe('(the whole document)');
  });
});

describe('loadVendorProfile', () => {
  it('names the file and the first bad field', async () => {
    const json = await zimbraJson();
    (json.ship as { portal: Record<string, unknown> }).portal.concurrency = 7;
    const dir = await profileDir('zimbra', JSON.stringify(json));
    const error = await refusal(loadVendorProfile('zimbra', { resourcesDir: dir }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(path.join(dir, 'vendors', 'zimbra.json'));
    expect(error.message).toContain('ship.portal.concurrency:');
  });

  it('refuses a missing profile, broken JSON, an id that is not the file name, and an id that is a path', async () => {
    const missing = await refusal(loadVendorProfile('acme', { resourcesDir: repoResources }));
    expect(missing.message).toContain('There is no vendor profile "acme"');
    expect(missing.message).toContain(path.join(repoResources, 'vendors', 'acme.json'));

    const broken = await refusal(loadVendorProfile('zimbra', { resourcesDir: await profileDir('zimbra', '{"id":') }));
    expect(broken.message).toContain('is not valid JSON');

    const renamed = await profileDir('acme', JSON.stringify(await zimbraJson()));
    expect((await refusal(loadVendorProfile('acme', { resourcesDir: renamed }))).message).toContain(
      'id: it says "zimbra"',
    );

    expect((await refusal(loadVendorProfile('../zimbra', { resourcesDir: repoResources }))).message).toContain(
      'is not a vendor id',
    );
  });
});

describe('resolveResourcesDir', () => {
  it('takes CASEKIT_RESOURCES_DIR first, then a packaged app resources folder that holds vendors/', async () => {
    const dir = await profileDir('zimbra', '{}');
    expect(resolveResourcesDir({ env: { CASEKIT_RESOURCES_DIR: dir } })).toBe(dir);
    expect(resolveResourcesDir({ env: {}, resourcesPath: dir })).toBe(dir);
    // An Electron resources folder without profiles (an unpacked run) falls back to the code's own.
    expect(resolveResourcesDir({ env: {}, resourcesPath: os.tmpdir() })).toBe(repoResources);
  });

  it('finds resources/ beside out/ for the built CLI and app, and says what it tried when there is none', async () => {
    const top = await mkdtemp(path.join(os.tmpdir(), 'casekit-package-'));
    temps.push(top);
    for (const dir of ['out/cli', 'out/main/chunks', 'resources/vendors']) {
      await mkdir(path.join(top, dir), { recursive: true });
    }
    for (const from of ['out/cli', 'out/main', 'out/main/chunks']) {
      expect(resolveResourcesDir({ env: {}, from: path.join(top, from) })).toBe(path.join(top, 'resources'));
    }
    const empty = await mkdtemp(path.join(os.tmpdir(), 'casekit-no-resources-'));
    temps.push(empty);
    expect(() => resolveResourcesDir({ env: {}, from: path.join(empty, 'a', 'b') })).toThrow(
      /resources folder \(with vendors\/\) is missing/,
    );
  });
});
