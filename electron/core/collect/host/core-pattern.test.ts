import { describe, expect, it } from 'vitest';
import { parseCorePattern } from './core-pattern';
import { matchesGlob } from './name-glob';

describe('parseCorePattern', () => {
  it('gives the folder and a name glob for an absolute pattern', () => {
    expect(parseCorePattern('/var/crash/core.%e.%p.%t\n')).toEqual({
      kind: 'folder',
      dir: '/var/crash',
      glob: 'core.*.*.*',
      note: null,
    });
    const { glob } = parseCorePattern('/cores/%e-100%%-[x]') as { glob: string };
    expect(matchesGlob('java-100%-[x]', glob)).toBe(true);
    expect(matchesGlob('java-100%-x', glob)).toBe(false);
  });

  it('means the working folder for a relative pattern, with .PID when core_uses_pid asks', () => {
    expect(parseCorePattern('core')).toEqual({ kind: 'working-folder', glob: 'core', note: null });
    expect(parseCorePattern('core', true)).toMatchObject({ glob: 'core.*' });
    expect(parseCorePattern('core.%p', true)).toMatchObject({ glob: 'core.*' });
  });

  it('knows systemd-coredump and apport, and says so for other handlers', () => {
    expect(parseCorePattern('|/usr/lib/systemd/systemd-coredump %P %u %g %s %t 9223372036854775808 %h')).toMatchObject({
      kind: 'handler',
      dir: '/var/lib/systemd/coredump',
      glob: 'core.*',
    });
    expect(parseCorePattern('|/usr/share/apport/apport -p%p -s%s -c%c -d%d -P%P -u%u -g%g -- %E')).toMatchObject({
      kind: 'handler',
      dir: '/var/crash',
    });
    expect(parseCorePattern('|/usr/libexec/abrt-hook-ccpp %s %c %p')).toMatchObject({ kind: 'unknown' });
  });

  it('does not pretend to list per-process folders or relative subfolders', () => {
    expect(parseCorePattern('/var/cores/%e/core').kind).toBe('unknown');
    expect(parseCorePattern('cores/core.%p').kind).toBe('unknown');
    expect(parseCorePattern('').kind).toBe('unknown');
  });
});

describe('matchesGlob', () => {
  it('follows find -name: *, ?, classes, ranges, negation, escapes', () => {
    expect(matchesGlob('.hidden.log', '*.log')).toBe(true);
    expect(matchesGlob('mailbox.log.2026-03-09.gz', 'mailbox.log.*')).toBe(true);
    expect(matchesGlob('mailbox.log', 'mailbox.log.*')).toBe(false);
    expect(matchesGlob('core.7', 'core.[0-9]')).toBe(true);
    expect(matchesGlob('core.x', 'core.[!0-9]')).toBe(true);
    expect(matchesGlob('a-b', 'a[-]b')).toBe(true);
    expect(matchesGlob('a*b', 'a\\*b')).toBe(true);
    expect(matchesGlob('axb', 'a\\*b')).toBe(false);
    expect(matchesGlob('[x', '[x')).toBe(true);
    expect(matchesGlob('a\nb', 'a?b')).toBe(true);
    expect(matchesGlob('a/b(c)|d^$+{1}', 'a/b(c)|d^$+{1}')).toBe(true);
  });
});
