import { Buffer } from 'node:buffer';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignOutput } from '../fixtures/redact/align-output';
import {
  type CorpusManifest,
  fileBytes,
  type Plant,
  type PlantedKind,
  planCorpus,
  type TextFile,
  writeCorpus,
} from '../fixtures/redact/index';
import { consistencyProblems, ipProblems, spanProblems } from '../fixtures/redact/judge-replacements';
import { NeedleIndex } from '../fixtures/redact/needles';
import { readCorpusOutput } from '../fixtures/redact/read-output';

// The corpus generator and the checks built on it: they must be able to
// fail, or a clean redaction test proves nothing.

let dir: string;
let manifest: CorpusManifest;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-corpus-'));
  manifest = await writeCorpus(path.join(dir, 'in'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const plantsOf = (file: TextFile): Plant[] => file.segments.flatMap((s) => (s.type === 'planted' ? [s.plant] : []));
const allPlants = () => manifest.entries.flatMap((e) => plantsOf(e.file));
const corpusText = () => Buffer.concat(manifest.entries.map((e) => fileBytes(e.file)));

/** A stand-in redaction: every planted span replaced by `replace(plant)`. */
function simulate(file: TextFile, replace: (plant: Plant) => string): Buffer {
  return Buffer.concat(file.segments.map((s) => (s.type === 'planted' ? Buffer.from(replace(s.plant)) : s.bytes)));
}

describe('corpus generator', () => {
  it('writes the same bytes for the same seed and different ones for another seed', () => {
    const small = { mailboxEntries: 60, longLineBytes: 20_000 };
    const a = planCorpus({ ...small, seed: 's1' }).files.map((f) => fileBytes(f.file));
    const b = planCorpus({ ...small, seed: 's1' }).files.map((f) => fileBytes(f.file));
    const c = planCorpus({ ...small, seed: 's2' }).files.map((f) => fileBytes(f.file));
    expect(a.every((bytes, i) => bytes.equals(b[i]!))).toBe(true);
    expect(a.some((bytes, i) => !bytes.equals(c[i]!))).toBe(true);
  });

  it('puts every file on disk as the manifest says: plain, .gz, and inside the zmdiaglog .tar.bz2', async () => {
    const out = await readCorpusOutput(manifest, path.join(dir, 'in'));
    for (const { entry, bytes } of out.files) {
      expect(bytes, entry.file.path).not.toBeNull();
      expect(bytes!.equals(fileBytes(entry.file)), entry.file.path).toBe(true);
    }
    expect(manifest.diskFiles).toContain('mailstore/log/mailbox.log.2026-11-24.gz');
    const archive = manifest.diskFiles.find((f) => f.endsWith('.tar.bz2'));
    expect(archive).toMatch(/^mailstore\/zmdiaglog-.+\.20261125-101500\.4242-[0-9a-f]{32}\.tar\.bz2$/);
    const [binary] = manifest.binaries;
    expect(out.members.get(`${archive}!${binary!.path}`)?.equals(binary!.bytes)).toBe(true);
  });

  it('plants every kind of value', () => {
    const kinds = new Set(allPlants().map((p) => p.kind));
    const expected: PlantedKind[] = [
      'email',
      'ipv4',
      'ipv6',
      'mac',
      'host',
      'domain',
      'user',
      'dn',
      'device-id',
      'keyword',
      'password',
      'token',
      'cookie',
      'auth-header',
      'pem',
    ];
    expect([...kinds].sort()).toEqual([...expected].sort());
  });

  it('holds the hard cases', () => {
    const shown = allPlants().map((p) => p.shown);
    const text = corpusText().toString('latin1');
    expect(shown.some((s) => /^[^@]+%40[^@]+$/.test(s))).toBe(true);
    expect(shown.some((s) => s.includes('@') && s === s.toUpperCase() && /[A-Z]/.test(s))).toBe(true);
    expect(text).toMatch(/\[fe80::[0-9a-f:]+%2\]:123/);
    expect(text).toMatch(/fe80::[0-9a-f:]+%eth0:123/);
    expect(text).toMatch(/\[2a0\d:[0-9a-f:]+\]:8443/);
    expect(shown.some((s) => /^::ffff:\d+\.\d+\.\d+\.\d+$/.test(s))).toBe(true);
    expect(text).toContain('\r\n');
    expect(text).toContain('Authorization: Basic ');
    expect(text).toContain('Authorization: Bearer ');
    expect(text).toContain('ZM_AUTH_TOKEN=');
    expect(text).toContain('JSESSIONID=');
    expect(text).toContain('zauthtoken=');
    expect(text).toContain('preauth=');
    expect(text).toMatch(/https:\/\/svc_freebusy:[^@\s]+@owa\./);
    expect(text).toContain('-----BEGIN PRIVATE KEY-----');
    expect(text).toContain('-----BEGIN CERTIFICATE-----');
    expect(text).toContain('"password":{"_content":"');
    expect(text).toContain('<password>');
    const syslog = manifest.entries.find((e) => e.file.path === 'mta/log/zimbra.log')!;
    const bytes = fileBytes(syslog.file);
    expect(bytes.toString('utf8')).toContain('\ufffd');
    expect(bytes.includes(Buffer.from('Gr\u00f6\u00dfere', 'latin1'))).toBe(true);
    const mailbox = fileBytes(manifest.entries.find((e) => e.file.path === 'mailstore/log/mailbox.log')!.file);
    const longest = Math.max(
      ...mailbox
        .toString('latin1')
        .split('\n')
        .map((l) => l.length),
    );
    expect(longest).toBeGreaterThanOrEqual(4 * 1024 * 1024);
  });

  it('holds every diagnostic string it asks to keep', () => {
    const text = corpusText().toString('latin1');
    for (const diagnostic of manifest.diagnostics) expect(text, diagnostic).toContain(diagnostic);
  });

  it('finds every planted value in the raw corpus, and none in text without them', () => {
    const plants = allPlants();
    const index = new NeedleIndex(plants);
    const hits = index.find(corpusText(), Number.MAX_SAFE_INTEGER);
    const found = new Set(hits.map((h) => `${h.kind}:${h.value}`));
    const missing = plants.filter((p) => !found.has(`${p.kind}:${p.value}`)).map((p) => `${p.kind}:${p.shown}`);
    expect(missing).toEqual([]);
    expect(index.find(Buffer.from('2026-11-25 10:15:32,123 INFO  [main] [] misc - nothing to see 127.0.0.1'))).toEqual(
      [],
    );
  });
});

describe('output checks', () => {
  const mailbox = () => manifest.entries.find((e) => e.file.path === 'mailstore/log/mailbox.log')!.file;

  it('report every span of an unredacted file as left as it was', () => {
    const file = mailbox();
    const aligned = alignOutput(file, fileBytes(file));
    expect(aligned.ok).toBe(true);
    if (!aligned.ok) return;
    expect(spanProblems(aligned.replaced)).toHaveLength(aligned.replaced.length);
  });

  it('accept a consistent redaction, even where a pseudonym contains the text after it', () => {
    const file = mailbox();
    const names = new Map<string, string>();
    const pseudonym = (p: Plant) => {
      const key = `${p.kind}:${p.value}`;
      if (!names.has(key))
        names.set(
          key,
          p.kind === 'ipv4'
            ? `10.99.${Math.floor(names.size / 250)}.${names.size % 250}`
            : `x${names.size}. [${p.kind}] ;`,
        );
      return names.get(key)!;
    };
    const aligned = alignOutput(file, simulate(file, pseudonym));
    expect(aligned.ok).toBe(true);
    if (!aligned.ok) return;
    expect(aligned.replaced.every((r) => r.replacement.toString() === pseudonym(r.plant))).toBe(true);
    expect(spanProblems(aligned.replaced)).toEqual([]);
    expect(consistencyProblems(aligned.replaced)).toEqual([]);
  });

  it('catch a changed byte outside the spans, an inconsistent pseudonym and a broken subnet', () => {
    const file = mailbox();
    const output = simulate(file, (p) => `R-${p.kind}`);
    const at = output.indexOf('elapsed=');
    output[at] = 'E'.charCodeAt(0);
    const broken = alignOutput(file, output);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.message).toContain('did not survive');
    let n = 0;
    const aligned = alignOutput(
      file,
      simulate(file, (p) => (p.kind === 'ipv4' ? `${(n += 1) % 200}.1.2.3` : `R${(n += 1)}`)),
    );
    expect(aligned.ok).toBe(true);
    if (!aligned.ok) return;
    expect(consistencyProblems(aligned.replaced).length).toBeGreaterThan(0);
    expect(ipProblems(aligned.replaced).length).toBeGreaterThan(0);
  });

  it('reads the corpus files back byte for byte', async () => {
    const raw = await readFile(path.join(dir, 'in', 'mailstore/log/audit.log'));
    const entry = manifest.entries.find((e) => e.file.path === 'mailstore/log/audit.log')!;
    expect(raw.equals(fileBytes(entry.file))).toBe(true);
  });
});
