import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rangeCommand } from './remote-shell';

const dir = mkdtempSync(path.join(os.tmpdir(), 'range-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A name a careless command would split or expand.
const file = path.join(dir, `it's a "log" $HOME.txt`);
const data = randomBytes(1_000_003);
writeFileSync(file, data);

const run = (command: string, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync('sh', ['-c', command], { env, maxBuffer: 4 << 20 });

describe('rangeCommand', () => {
  it.each([
    [0, data.length],
    [0, 300_000],
    [262_144, 700_001],
    [999_999, data.length],
  ])('emits bytes [%d, %d) with GNU dd', (from, to) => {
    expect(run(rangeCommand(file, from, to)).equals(data.subarray(from, to))).toBe(true);
  });

  it.each([
    [0, 300_000],
    [262_145, 700_001],
  ])('emits bytes [%d, %d) with head and tail where dd is not GNU', (from, to) => {
    // A dd that, like BusyBox's, does not know --version.
    const bin = mkdtempSync(path.join(dir, 'bin-'));
    writeFileSync(path.join(bin, 'dd'), '#!/bin/sh\necho "dd: unknown option" >&2\nexit 1\n');
    chmodSync(path.join(bin, 'dd'), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    expect(run(rangeCommand(file, from, to), env).equals(data.subarray(from, to))).toBe(true);
  });
});
