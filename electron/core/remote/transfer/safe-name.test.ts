import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, localPathFor, unsafeNameReason } from './safe-name';

describe('unsafeNameReason', () => {
  it.each(['mailbox.log', '..%2f', '..%2f..%2fetc', '...', '.hidden', 'a..b', 'zmdiaglog-2025.tar.gz', 'żółw'])(
    'accepts %j',
    (name) => expect(unsafeNameReason(name, 'linux')).toBeNull(),
  );

  it.each([
    ['', 'empty'],
    ['.', 'itself or its parent'],
    ['..', 'itself or its parent'],
    ['../etc', 'slash'],
    ['/etc/passwd', 'slash'],
    ['a\\..\\..\\b', 'backslash'],
    ['nul\0byte', 'control character'],
    ['line\nbreak', 'control character'],
    ['x'.repeat(256), 'longer than 255'],
  ])('refuses %j (%s)', (name, reason) => expect(unsafeNameReason(name, 'linux')).toMatch(reason));

  it.each([
    ['CON', 'device name'],
    ['nul.txt', 'device name'],
    ['COM1.log', 'device name'],
    ['a:b', 'Windows does not allow'],
    ['what?', 'Windows does not allow'],
    ['trailing.', 'ends with a dot'],
    ['trailing ', 'ends with a dot or a space'],
  ])('on Windows also refuses %j (%s)', (name, reason) => {
    expect(unsafeNameReason(name, 'linux')).toBeNull();
    expect(unsafeNameReason(name, 'win32')).toMatch(reason);
  });
});

describe('localPathFor', () => {
  const root = path.resolve('/cases/c1/files');

  it('joins safe segments below the root', () => {
    expect(localPathFor(root, ['opt', 'zimbra', 'mailbox.log'])).toBe(path.join(root, 'opt', 'zimbra', 'mailbox.log'));
  });

  it.each([[['..', 'x']], [['a', '..', '..', 'x']], [['/etc']], [[]], [['a/../../x']]])('refuses %j', (segments) => {
    expect(() => localPathFor(root, segments)).toThrow();
  });

  it('tells inside from outside after normalizing', () => {
    expect(isInside(root, path.join(root, 'a', '..', 'b'))).toBe(true);
    expect(isInside(root, path.join(root, '..', 'files-evil'))).toBe(false);
    expect(isInside(root, `${root}-evil`)).toBe(false);
    expect(isInside(root, path.join(root, '..%2f'))).toBe(true);
    expect(isInside(root, path.join(root, '...'))).toBe(true);
  });
});
