import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');
const casekit = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/casekit.mjs'), ...args], { encoding: 'utf8', cwd: root });

test('the built CLI answers --version and --help, and exits 2 on bad usage', () => {
  const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
  const v = casekit('--version');
  expect(v.status).toBe(0);
  expect(v.stdout.trim()).toBe(version);

  const help = casekit('--help');
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('serve');

  expect(casekit('serve', '--port', 'nope').status).toBe(2);
  expect(casekit('no-such-command').status).toBe(2);
});

test('npx casekit runs the package bin', () => {
  const npx = spawnSync('npx', ['--no-install', 'casekit', '--version'], { encoding: 'utf8', cwd: root });
  expect(npx.stderr).toBe('');
  expect(npx.status).toBe(0);
});
