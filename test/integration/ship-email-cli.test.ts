import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../electron/cli/main';
import { BUNDLE, makeBundle, problemsWith } from './ship-email-support';

// `casekit ship email` through the CLI's run(), as CLI.md specifies it.

let root: string;
let bundle: string;
let contents: Map<string, Buffer>;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'casekit-ship-email-cli-'));
  bundle = path.join(root, 'bundle');
  contents = await makeBundle(bundle, [40_000, 40_000, 12_000]);
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function casekit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  // commander writes its own errors (bad option values) straight to process.stderr.
  const stderrWrite = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  const code = await run(['node', 'casekit', 'ship', 'email', ...args]);
  stderrWrite.mockRestore();
  vi.restoreAllMocks();
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** The flags every run here gives, for the message file `out`. */
const usual = (out: string) => ['--to', 'support@zimbra.example', '--case', '00012345', '--out', out];

describe('casekit ship email', () => {
  it('writes the messages, prints them and the receipt, and the JSON document with --json', async () => {
    const out = path.join(root, 'ok', 'case.eml');
    // An earlier run's third message: named, never deleted.
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(path.join(root, 'ok', 'case-3.eml'), 'old');
    const result = await casekit(bundle, ...usual(out), '--limit', '80kB', '--json');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as {
      messages: { path: string; size: number; attachments: string[] }[];
      leftOver: string[];
      receipt: { channel: string; files: { name: string }[] };
      receiptText: string;
    };
    expect(doc.messages.map((m) => path.basename(m.path))).toEqual(['case.eml', 'case-2.eml']);
    expect(
      await problemsWith(
        doc.messages.map((m) => m.path),
        contents,
        80_000,
      ),
    ).toEqual([]);
    expect(doc.leftOver).toEqual([path.join(root, 'ok', 'case-3.eml')]);
    expect(result.stderr).toContain(`left by an earlier run (delete before sending): ${doc.leftOver[0]}`);
    expect(await fs.readFile(path.join(root, 'ok', 'case-3.eml'), 'utf8')).toBe('old');
    expect(doc.receipt.channel).toBe('email');
    expect(doc.receiptText).toContain('Case 00012345: 6 file(s) attached to e-mail');
    expect(result.stderr).toContain(out);
    expect(result.stderr).toContain(`sha256sum -c ${BUNDLE}.sha256`);
  });

  it.each([
    ['a bad case number', ['--case', '1234'], "'1234' is not a case number"],
    ['a bad address', ['--to', 'support'], 'is not an e-mail address'],
    ['a bad size', ['--limit', 'ten megabytes'], "'ten megabytes' is not a size"],
    ['a file name that is not .eml', ['--out', 'case.txt'], 'does not end in .eml'],
  ])('exits 2 for %s', async (_label, change, message) => {
    const args = { '--to': 'support@zimbra.example', '--case': '00012345', '--out': path.join(root, 'bad', 'x.eml') };
    const merged: Record<string, string> = { ...args, [change[0] ?? '']: change[1] ?? '' };
    const result = await casekit(bundle, ...Object.entries(merged).flat());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    await expect(fs.stat(path.join(root, 'bad'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('exits 2 for a missing bundle folder', async () => {
    const result = await casekit(path.join(root, 'none'), ...usual(path.join(root, 'none.eml')));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SHA256SUMS');
  });

  it('exits 2 for a part too big for the limit, naming the part size to pack with', async () => {
    const out = path.join(root, 'big', 'case.eml');
    const result = await casekit(bundle, ...usual(out), '--limit', '50kB');
    expect(result.code).toBe(2);
    const suggested = /--part-size (\d+)/.exec(result.stderr)?.[1];
    expect(Number(suggested)).toBeGreaterThan(30_000);
    expect(Number(suggested)).toBeLessThan(40_000);
    expect(result.stderr).toContain(`largest part that fits: ${suggested} bytes`);
    await expect(fs.stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it("without --limit, takes the vendor profile's e-mail limit (CASEKIT_RESOURCES_DIR)", async () => {
    const resources = path.join(root, 'resources');
    const profile = JSON.parse(await fs.readFile(path.resolve('resources/vendors/zimbra.json'), 'utf8')) as {
      ship: { email: { limit: number } };
    };
    profile.ship.email.limit = 50_000;
    await fs.mkdir(path.join(resources, 'vendors'), { recursive: true });
    await fs.writeFile(path.join(resources, 'vendors', 'zimbra.json'), JSON.stringify(profile));
    vi.stubEnv('CASEKIT_RESOURCES_DIR', resources);
    try {
      const result = await casekit(bundle, ...usual(path.join(root, 'profile', 'case.eml')));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/largest part that fits: \d+ bytes/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
