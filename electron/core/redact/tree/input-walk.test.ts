import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkInput } from './input-walk';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-walk-'));
  await mkdir(path.join(dir, 'in', 'a', 'b'), { recursive: true });
  await writeFile(path.join(dir, 'in', 'a', 'b', 'x.log'), 'xx');
  await writeFile(path.join(dir, 'in', 'top.log'), 'y');
  await symlink('b/x.log', path.join(dir, 'in', 'a', 'link.log'));
  await symlink('../..', path.join(dir, 'in', 'a', 'up'));
  await symlink('missing', path.join(dir, 'in', 'dangling'));
  execFileSync('mkfifo', [path.join(dir, 'in', 'pipe')]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('walkInput', () => {
  it('lists files with paths relative to IN, keeps inner links and leaves out the rest with reasons', async () => {
    const tree = await walkInput(path.join(dir, 'in'));
    expect(tree.isFile).toBe(false);
    expect(tree.jobs.map((job) => [job.rel, job.size])).toEqual([
      ['a/b/x.log', 2],
      ['top.log', 1],
    ]);
    expect(tree.links).toEqual([{ rel: 'a/link.log', target: 'b/x.log' }]);
    expect(tree.leftOut).toEqual([
      { path: 'a/up', reason: expect.stringMatching(/outside the input folder/) },
      { path: 'dangling', reason: expect.stringMatching(/leads nowhere/) },
      { path: 'pipe', reason: expect.stringMatching(/not a regular file/) },
    ]);
  });

  it('treats a file IN as one job under its own name', async () => {
    const tree = await walkInput(path.join(dir, 'in', 'top.log'));
    expect(tree.isFile).toBe(true);
    expect(tree.jobs.map((job) => job.rel)).toEqual(['top.log']);
  });
});
