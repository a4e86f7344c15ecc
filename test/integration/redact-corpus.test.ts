import { Buffer } from 'node:buffer';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMapSnapshot, type RedactConfig } from '../../electron/core/redact/engine/index';
import { type CorpusManifest, fileBytes, type ManifestEntry, writeCorpus } from '../fixtures/redact/index';
import { judge, type Verdict } from '../fixtures/redact/judge-output';
import { normalized } from '../fixtures/redact/judge-replacements';
import { NeedleIndex } from '../fixtures/redact/needles';
import { type EngineRun, leakCheck, runEngine } from '../fixtures/redact/run-engine';

// The text engine over the whole corpus (every text file, archive members
// and the rotated .gz included, read as the orchestrator would hand them
// over), two "workers" sharing one map. The orchestrator and the CLI are
// tested on the same corpus in redact-cli.test.ts.

let dir: string;
let manifest: CorpusManifest;
let config: RedactConfig;
let inputs: Map<string, Buffer>;
let run: EngineRun;
let verdict: Verdict;

const key = (entry: ManifestEntry) => entry.file.path;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-redact-corpus-'));
  manifest = await writeCorpus(path.join(dir, 'in'));
  config = { keywords: [...manifest.keywords], extraRules: [] };
  inputs = new Map(manifest.entries.map((e) => [key(e), fileBytes(e.file)]));
  run = await runEngine(inputs, newMapSnapshot(), config);
  verdict = judge(manifest.entries, (e) => run.outputs.get(key(e)) ?? null, manifest.diagnostics);
}, 180_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const show = (problems: readonly string[]) => problems.slice(0, 15);

describe('redaction of the Zimbra corpus (engine)', () => {
  it('keeps every byte outside the planted spans: CRLF, latin1, the 4 MiB line, diagnostics', () => {
    expect(verdict.missing).toEqual([]);
    expect(show(verdict.structure)).toEqual([]);
  });

  it('leaves no planted value anywhere, in any letter case or URL-encoded', () => {
    expect(show(verdict.leaks)).toEqual([]);
  });

  it('replaces every planted span with something that keeps none of it', () => {
    expect(show(verdict.spans)).toEqual([]);
  });

  it('gives one value one pseudonym across files and workers, and two values two', () => {
    expect(show(verdict.consistency)).toEqual([]);
  });

  it('replaces secrets with a fixed marker', () => {
    expect(verdict.markers).toEqual([]);
  });

  it('keeps IPs valid and their /8, /16 and /24 relations', () => {
    expect(show(verdict.ips)).toEqual([]);
  });

  it('keeps addresses and host names shaped as such, under the pseudonym of their domain', () => {
    expect(show(verdict.shapes)).toEqual([]);
  });

  it('keeps diagnostics: versions, class names, loopback, vendor names, SOAP requests, thread names', () => {
    expect(verdict.diagnostics).toEqual([]);
  });

  it('maps an address written in another case or URL-encoded to the same pseudonym', () => {
    const emails = verdict.replaced.filter((r) => r.plant.kind === 'email');
    const variants = emails.filter((r) => r.plant.shown !== r.plant.value);
    expect(variants.length).toBeGreaterThan(10);
    const plain = new Map(
      emails.filter((r) => r.plant.shown === r.plant.value).map((r) => [r.plant.value, normalized(r)]),
    );
    for (const r of variants)
      if (plain.has(r.plant.value)) expect(normalized(r), r.plant.shown).toBe(plain.get(r.plant.value));
  });

  it('passes its own leak check, which finds the planted values in the raw corpus without naming them', async () => {
    const clean = await leakCheck(run.outputs, run.map, config);
    expect(clean).toEqual([]);
    const raw = await leakCheck(inputs, run.map, config);
    expect(raw.length).toBeGreaterThan(100);
    const files = new Set(raw.map((f) => f.file));
    expect(files.has('mailstore/log/mailbox.log')).toBe(true);
    expect(files.has('mta/log/zimbra.log')).toBe(true);
    const plants = manifest.entries.flatMap((e) =>
      e.file.segments.flatMap((s) => (s.type === 'planted' ? [s.plant] : [])),
    );
    // A finding names its file, and zmdiaglog's file names carry the server's name (a known limit of
    // names, see redact-cli.test.ts); everything else in a finding must be free of values.
    const withoutNames = raw.map(({ file: _file, ...rest }) => rest);
    expect(new NeedleIndex(plants).find(Buffer.from(JSON.stringify(withoutNames)))).toEqual([]);
  });

  it('writes the same output again from the same map, and other pseudonyms from a fresh one', async () => {
    const subset = new Map([...inputs].filter(([name]) => name.endsWith('audit.log') || name.endsWith('zimbra.log')));
    const again = await runEngine(subset, run.map, config, { workers: 1, chunkSize: 4096 });
    for (const [name, bytes] of again.outputs) expect(bytes.equals(run.outputs.get(name)!), name).toBe(true);
    const other = await runEngine(subset, newMapSnapshot(), config);
    const audit = 'mailstore/log/audit.log';
    expect(other.outputs.get(audit)!.equals(run.outputs.get(audit)!)).toBe(false);
  });
});
