import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../testing/memory-credential-store';
import { checkPortalUrl, PORTAL_DEFAULTS, resolvePortalOptions } from './portal-options';
import { portalTokenRef, readPortalToken, savePortalToken } from './portal-token';

const base = { bundleDir: '/tmp/b', url: 'https://portal.example/upload', caseNumber: '00012345', token: 't' };

describe('portal options', () => {
  it('fills in the documented defaults', () => {
    const resolved = resolvePortalOptions(base);
    expect(resolved.limit).toBe(10_000_000);
    expect(resolved.fields).toEqual({ case: 'case', file: 'file' });
    expect(resolved.concurrency).toBe(2);
    expect(resolved.retry).toEqual(PORTAL_DEFAULTS.retry);
  });

  it('refuses plain http except to this machine, since the token would cross in clear', () => {
    expect(() => checkPortalUrl('http://portal.example/upload')).toThrow(/plain http/);
    expect(checkPortalUrl('http://127.0.0.1:8080/u').host).toBe('127.0.0.1:8080');
    expect(checkPortalUrl('http://[::1]:8080/u').hostname).toBe('[::1]');
    expect(checkPortalUrl('http://localhost/u').hostname).toBe('localhost');
    expect(() => checkPortalUrl('http://127.0.0.1.evil.example/u')).toThrow(/plain http/);
    expect(() => checkPortalUrl('ftp://portal.example/')).toThrow(/https/);
    expect(() => checkPortalUrl('https://user:pw@portal.example/')).toThrow(/user name or password/);
    expect(() => checkPortalUrl('not a url')).toThrow(/not a URL/);
  });

  it('refuses a bad case number, concurrency or field names', () => {
    expect(() => resolvePortalOptions({ ...base, caseNumber: '1234567' })).toThrow(/8 digits/);
    expect(() => resolvePortalOptions({ ...base, concurrency: 4 })).toThrow(/1 to 3/);
    expect(() => resolvePortalOptions({ ...base, concurrency: 0 })).toThrow(/1 to 3/);
    expect(() => resolvePortalOptions({ ...base, fields: { case: 'x', file: 'x' } })).toThrow(/two different/);
    expect(() => resolvePortalOptions({ ...base, token: 'a\nb' })).toThrow(/several lines/);
    expect(() => resolvePortalOptions({ ...base, limit: 0 })).toThrow(/whole number/);
  });
});

describe('portal token in the keychain', () => {
  it('is saved and read per upload address, query left out', async () => {
    const store = new MemoryStore();
    await savePortalToken(store, 'https://portal.example/upload?x=1', 'tok-1');
    expect(await readPortalToken(store, 'https://portal.example/upload')).toBe('tok-1');
    expect(await readPortalToken(store, 'https://portal.example/other')).toBeNull();
    expect(portalTokenRef('https://portal.example/upload#f')).toEqual({
      kind: 'portal-token',
      url: 'https://portal.example/upload',
    });
    expect([...store.saved.keys()]).toEqual(['portal-token:https://portal.example/upload']);
  });

  it('reads as none when the keychain fails, so the caller asks', async () => {
    const broken = new MemoryStore();
    broken.get = () => Promise.reject(new Error('keychain locked'));
    expect(await readPortalToken(broken, 'https://portal.example/upload')).toBeNull();
  });
});
