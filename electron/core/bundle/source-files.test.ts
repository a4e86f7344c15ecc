import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasekitError } from '../../shared/error-codes';
import { hostsOf, normalizeRel, scanSource, walkSource } from './source-files';

let dir: string;
let source: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-source-'));
  source = path.join(dir, 'src');
  await mkdir(path.join(source, 'h-one.d-x.invalid', 'log'), { recursive: true });
  await mkdir(path.join(source, 'h-two.d-x.invalid'), { recursive: true });
  await writeFile(path.join(source, 'h-one.d-x.invalid', 'log', 'mailbox.log'), 'INFO started\n');
  await writeFile(path.join(source, 'h-one.d-x.invalid', 'log', 'old.log.gz'), Buffer.from([0x1f, 0x8b, 8, 0]));
  await writeFile(path.join(source, 'h-two.d-x.invalid', 'heap.hprof'), 'JAVA PROFILE 1.0.2\0');
  await writeFile(path.join(source, 'notes.txt'), 'top level\n');
  await symlink('log/mailbox.log', path.join(source, 'h-one.d-x.invalid', 'current.log'));
  await symlink('/etc/hostname', path.join(source, 'outside'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('scanSource', () => {
  it('tells text, archives and consented binaries apart; keeps inner links, leaves outer ones out', async () => {
    const tree = await scanSource(source, ['./h-two.d-x.invalid/heap.hprof']);
    const kinds = Object.fromEntries(tree.files.map((file) => [file.rel, [file.kind, file.consented]]));
    expect(kinds).toEqual({
      'h-one.d-x.invalid/log/mailbox.log': ['text', false],
      'h-one.d-x.invalid/log/old.log.gz': ['archive', false],
      'h-two.d-x.invalid/heap.hprof': ['binary', true],
      'notes.txt': ['text', false],
    });
    expect(tree.links).toEqual([{ rel: 'h-one.d-x.invalid/current.log', target: 'log/mailbox.log' }]);
    expect(tree.leftOut.map((item) => item.path)).toEqual(['outside']);
    expect(hostsOf(tree)).toEqual(['h-one.d-x.invalid', 'h-two.d-x.invalid']);
    expect(tree.bytes).toBe(tree.files.reduce((sum, file) => sum + file.size, 0));
  });

  it('walks without consent: binaries are listed, not refused, for the user to choose', async () => {
    const tree = await walkSource(source);
    expect(tree.files.filter((file) => file.kind === 'binary').map((file) => [file.rel, file.consented])).toEqual([
      ['h-two.d-x.invalid/heap.hprof', false],
    ]);
  });

  it('refuses a binary without consent, naming it and why', async () => {
    const error = (await scanSource(source, []).catch((e: unknown) => e)) as CasekitError;
    expect(error.code).toBe('CONSENT_REQUIRED');
    expect(error.message).toContain('h-two.d-x.invalid/heap.hprof (binary: a Java heap dump)');
  });

  it('refuses consent for a path that is not a file of the folder, and a missing folder', async () => {
    const error = (await scanSource(source, ['h-two.d-x.invalid/heap.hprof', 'nope.bin']).catch(
      (e: unknown) => e,
    )) as CasekitError;
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('nope.bin');
    const missing = (await scanSource(path.join(dir, 'none'), []).catch((e: unknown) => e)) as CasekitError;
    expect(missing.code).toBe('INVALID_INPUT');
    expect(missing.message).toContain('does not exist');
  });

  it('normalizes consent paths written the Windows way or with ./', () => {
    expect(normalizeRel('.\\host\\dumps\\core.1')).toBe('host/dumps/core.1');
    expect(normalizeRel('./host//a')).toBe('host/a');
  });
});
