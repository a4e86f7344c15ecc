import { describe, expect, it } from 'vitest';
import { assertSafeEntry, unsafeLinkReason, unsafeNameReason } from './entry-guard';

describe('archive entry names and links', () => {
  it('accepts ordinary relative names', () => {
    for (const name of ['a.log', 'opt/zimbra/log/mailbox.log', './x', 'dir/', 'a..b/c..', '...']) {
      expect(unsafeNameReason(name)).toBeNull();
    }
  });

  it('refuses absolute names, drive letters, backslash paths and ".." components', () => {
    expect(unsafeNameReason('/etc/passwd')).toMatch(/absolute/);
    expect(unsafeNameReason('C:/Windows/x')).toMatch(/absolute/);
    expect(unsafeNameReason('\\\\server\\share')).toMatch(/absolute/);
    expect(unsafeNameReason('a/../../b')).toMatch(/".."/);
    expect(unsafeNameReason('a\\..\\b')).toMatch(/".."/);
    expect(unsafeNameReason('..')).toMatch(/".."/);
    expect(unsafeNameReason('')).toMatch(/empty/);
  });

  it('resolves symbolic links from their folder and hard links from the root', () => {
    expect(unsafeLinkReason('a/b/link', '../c', 'symlink')).toBeNull();
    expect(unsafeLinkReason('a/link', '../../c', 'symlink')).toMatch(/outside/);
    expect(unsafeLinkReason('link', '/etc/shadow', 'symlink')).toMatch(/absolute/);
    expect(unsafeLinkReason('a/b/hard', 'a/c', 'hardlink')).toBeNull();
    expect(unsafeLinkReason('a/b/hard', '../c', 'hardlink')).toMatch(/outside/);
  });

  it('throws a refusal that names the archive', () => {
    expect(() => assertSafeEntry('x.tar', '../y')).toThrow(/^refused: .*the archive x\.tar is left out$/);
  });
});
