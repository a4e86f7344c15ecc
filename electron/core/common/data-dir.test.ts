import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir';

describe('resolveDataDir', () => {
  it('uses an absolute CASEKIT_HOME as given on every platform', () => {
    expect(resolveDataDir({ env: { CASEKIT_HOME: '/srv/casekit' }, platform: 'linux', homedir: '/home/ann' })).toBe(
      '/srv/casekit',
    );
    expect(resolveDataDir({ env: { CASEKIT_HOME: '/srv/casekit' }, platform: 'darwin', homedir: '/Users/ann' })).toBe(
      '/srv/casekit',
    );
    expect(resolveDataDir({ env: { CASEKIT_HOME: 'D:\\Casekit' }, platform: 'win32', homedir: 'C:\\Users\\ann' })).toBe(
      'D:\\Casekit',
    );
  });

  it('resolves a relative CASEKIT_HOME against the working directory', () => {
    const dir = resolveDataDir({ env: { CASEKIT_HOME: 'data/home' }, platform: 'linux', homedir: '/home/ann' });
    expect(dir).toBe(path.resolve('data/home'));
    expect(path.isAbsolute(dir)).toBe(true);
  });

  it('ignores an empty CASEKIT_HOME', () => {
    expect(resolveDataDir({ env: { CASEKIT_HOME: '  ' }, platform: 'linux', homedir: '/home/ann' })).toBe(
      '/home/ann/.config/Casekit',
    );
  });

  it('follows XDG_CONFIG_HOME on Linux, like Electron', () => {
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'linux', homedir: '/home/ann' })).toBe(
      '/cfg/Casekit',
    );
    expect(resolveDataDir({ env: {}, platform: 'linux', homedir: '/home/ann' })).toBe('/home/ann/.config/Casekit');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '' }, platform: 'linux', homedir: '/home/ann' })).toBe(
      '/home/ann/.config/Casekit',
    );
    expect(resolveDataDir({ env: {}, platform: 'freebsd', homedir: '/home/ann' })).toBe('/home/ann/.config/Casekit');
  });

  it('uses Application Support on macOS, whatever XDG says', () => {
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'darwin', homedir: '/Users/ann' })).toBe(
      '/Users/ann/Library/Application Support/Casekit',
    );
  });

  it('uses APPDATA on Windows, falling back to the roaming profile folder', () => {
    expect(
      resolveDataDir({
        env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' },
        platform: 'win32',
        homedir: 'C:\\Users\\ann',
      }),
    ).toBe('C:\\Users\\ann\\AppData\\Roaming\\Casekit');
    expect(resolveDataDir({ env: {}, platform: 'win32', homedir: 'C:\\Users\\ann' })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Casekit',
    );
  });

  it('takes another app name when given one', () => {
    expect(resolveDataDir({ env: {}, platform: 'linux', homedir: '/home/ann', appName: 'Casekit Dev' })).toBe(
      '/home/ann/.config/Casekit Dev',
    );
  });
});
