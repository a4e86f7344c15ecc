#!/usr/bin/env node
// `npm test`: lint, type-check, build, unit tests and end-to-end tests, then one
// closing line `N passed, N failed` counting every test and every check.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0 };
const failures = [];

function run(command, args, env = {}) {
  console.error(`\n$ ${[command, ...args].join(' ')}`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return child.status === 0;
}

function check(name, ok) {
  results[ok ? 'passed' : 'failed'] += 1;
  if (!ok) failures.push(name);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function systemPackagesMissing() {
  const wanted = readFileSync(new URL('./system-packages.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return wanted.filter((pkg) => spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status !== 0);
}

function ensureSystemPackages() {
  if (process.platform !== 'linux' || spawnSync('dpkg', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error('npm test: not a Debian/Ubuntu system; the end-to-end tests need Chromium at /usr/bin/chromium.');
    return existsSync('/usr/bin/chromium');
  }
  const missing = systemPackagesMissing();
  if (missing.length === 0) return true;
  if (process.getuid?.() !== 0) {
    console.error(
      `npm test: missing Debian packages: ${missing.join(' ')}. Install them (sudo apt-get install ${missing.join(' ')}) and run again.`,
    );
    return false;
  }
  console.error(`npm test: installing ${missing.join(' ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  return run('apt-get', ['update', '-qq'], env) && run('apt-get', ['install', '-y', '-qq', ...missing], env);
}

rmSync('test-results', { recursive: true, force: true });
const systemReady = check('system packages', ensureSystemPackages());
check(
  'lint (eslint + prettier)',
  run('npx', ['eslint', '--max-warnings=0', '.']) && run('npx', ['prettier', '--check', '.']),
);
check('type-check', run('npm', ['run', '--silent', 'typecheck']));
// Lint already ran above: skip the prebuild lint.
const built = check('build', run('npm', ['run', 'build', '--ignore-scripts']));

const unitExitOk = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);
const unit = readJson('test-results/vitest.json');
if (unit) {
  results.passed += unit.numPassedTests;
  results.failed += unit.numFailedTests;
  if (unit.numFailedTests > 0 || !unit.success) failures.push('unit tests');
  // Type errors and unhandled errors fail the run without failing a test.
  if ((!unit.success || !unitExitOk) && unit.numFailedTests === 0) check('unit test run (errors outside tests)', false);
} else check('unit tests (no report)', false);

if (built && systemReady) {
  const e2eExitOk = run('npx', ['playwright', 'test']);
  const e2e = readJson('test-results/playwright.json');
  if (e2e) {
    results.passed += e2e.stats.expected + e2e.stats.flaky;
    results.failed += e2e.stats.unexpected;
    if (e2e.stats.unexpected > 0) failures.push('end-to-end tests');
    if ((e2e.errors?.length || !e2eExitOk) && e2e.stats.unexpected === 0)
      check('end-to-end run (errors outside tests)', false);
  } else check('end-to-end tests (no report)', false);
} else check('end-to-end tests (not run: build or system packages failed)', false);

if (failures.length) console.error(`\nFailed: ${failures.join(', ')}`);
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
