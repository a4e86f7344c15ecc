import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './main';

const argv = (...args: string[]) => ['node', 'casekit', ...args];

afterEach(() => vi.restoreAllMocks());

function captureOutput() {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(console, 'error').mockImplementation((...parts) => out.push(parts.join(' ')));
  return out;
}

describe('casekit CLI exit codes (../shared/CLI.md)', () => {
  it('prints the version and exits 0', async () => {
    const out = captureOutput();
    expect(await run(argv('--version'))).toBe(0);
    expect(out.join('')).toContain('0.0.0-test');
  });

  it('prints help naming serve and exits 0', async () => {
    const out = captureOutput();
    expect(await run(argv('--help'))).toBe(0);
    expect(out.join('')).toMatch(/serve/);
  });

  it('exits 2 for an unknown command or flag', async () => {
    captureOutput();
    expect(await run(argv('frobnicate'))).toBe(2);
    expect(await run(argv('--frobnicate'))).toBe(2);
  });

  it('exits 2 for a port that is not a number, saying why', async () => {
    const out = captureOutput();
    expect(await run(argv('serve', '--port', 'abc', '--no-open'))).toBe(2);
    expect(out.join('')).toContain("'abc' is not a port number");
  });

  it('exits 1 with the next step when the UI is not built', async () => {
    const out = captureOutput();
    vi.stubEnv('CASEKIT_RENDERER_DIR', '/nonexistent-casekit-renderer');
    try {
      expect(await run(argv('serve', '--no-open'))).toBe(1);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(out.join('')).toContain('npm run build');
  });
});
