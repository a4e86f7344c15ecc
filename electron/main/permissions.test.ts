import { describe, expect, it, vi } from 'vitest';
import { FakeSession } from '../../test/stubs/electron';
import { installPermissionGuards } from './permissions';

const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'clipboard-read',
  'openExternal',
  'display-capture',
  'hid',
];

describe('installPermissionGuards', () => {
  const session = new FakeSession();
  installPermissionGuards(session);

  it('refuses every permission request', () => {
    for (const permission of PERMISSIONS) {
      const answers: boolean[] = [];
      session.permissionRequestHandler?.({}, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
    }
  });

  it('answers no to every permission check', () => {
    for (const permission of PERMISSIONS) {
      expect(session.permissionCheckHandler?.({}, permission, 'app://casekit'), permission).toBe(false);
    }
  });

  it('grants no device', () => {
    expect(session.devicePermissionHandler?.({ deviceType: 'usb', origin: 'app://casekit' })).toBe(false);
  });

  it('refuses screen capture', () => {
    const answers: unknown[] = [];
    session.displayMediaRequestHandler?.({}, (streams) => answers.push(streams));
    expect(answers).toEqual([null]);
  });

  it('installs all four handlers', () => {
    expect(session.permissionRequestHandler).toBeTypeOf('function');
    expect(session.permissionCheckHandler).toBeTypeOf('function');
    expect(session.devicePermissionHandler).toBeTypeOf('function');
    expect(session.displayMediaRequestHandler).toBeTypeOf('function');
  });

  it('works on a session without setDisplayMediaRequestHandler', () => {
    const older = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    expect(() => installPermissionGuards(older)).not.toThrow();
    expect(older.setPermissionRequestHandler).toHaveBeenCalledOnce();
  });
});
