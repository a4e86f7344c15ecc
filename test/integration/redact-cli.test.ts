import { Buffer } from 'node:buffer';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../electron/cli/main';
import type { RedactReport } from '../../electron/core/redact/index';
import { buildCli } from '../../electron/core/redact/tree/testing/build-cli';
import { type CorpusManifest, type Plant, writeCorpus } from '../fixtures/redact/index';
import { judge, type Verdict } from '../fixtures/redact/judge-output';
import { consistencyProblems } from '../fixtures/redact/judge-replacements';
import { NeedleIndex } from '../fixtures/redact/needles';
import { type CorpusOutput, readCorpusOutput } from '../fixtures/redact/read-output';

// `casekit redact` end to end on the corpus, as an admin would run it for
// one case: the mailbox server's folder (logs, configs, a rotated .gz and the
// zmdiaglog .tar.bz2) first, then the MTA's folder with the same map, two
// worker threads each. The checks are those of redact-corpus.test.ts, here
// over what lands on disk, archives and compression included.

let dir: string;
let manifest: CorpusManifest;
const mapFile = () => path.join(dir, 'private', 'case-map.json');

interface CliRun {
  code: number;
  report: RedactReport;
  output: CorpusOutput;
  verdict: Verdict;
  outDir: string;
}
let mailstore: CliRun;
let mta: CliRun;

/** Runs the CLI on one folder of the corpus; its progress and summary (stderr) are kept for error messages only. */
async function redactFolder(folder: string, extra: string[] = []): Promise<CliRun> {
  const outDir = path.join(dir, `out-${folder}${extra.length > 0 ? '-extra' : ''}`);
  const reportFile = path.join(dir, `report-${folder}${extra.length > 0 ? '-extra' : ''}.json`);
  const keywords = manifest.keywords.flatMap((k) => ['--keyword', k]);
  const args = [
    'node',
    'casekit',
    'redact',
    path.join(dir, 'in', folder),
    '--out',
    outDir,
    '--map',
    mapFile(),
    '--report',
    reportFile,
  ];
  const said: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => said.push(String(chunk)) > 0);
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void said.push(parts.join(' ')));
  let code: number;
  try {
    code = await run([...args, ...keywords, '--workers', '2', ...extra]);
  } finally {
    vi.restoreAllMocks();
  }
  const reportText = await readFile(reportFile, 'utf8').catch(() => {
    throw new Error(`casekit redact ${folder} (exit ${code}) wrote no report: ${said.join('\n')}`);
  });
  const report = JSON.parse(reportText) as RedactReport;
  const output = await readCorpusOutput(manifest, outDir, folder);
  const entries = manifest.entries.filter((e) =>
    (e.container.type === 'plain' ? e.file.path : e.container.file).startsWith(`${folder}/`),
  );
  const verdict = judge(entries, (e) => output.files.find((f) => f.entry === e)?.bytes ?? null, manifest.diagnostics);
  return { code, report, output, verdict, outDir };
}

const allPlants = (): Plant[] =>
  manifest.entries.flatMap((e) => e.file.segments.flatMap((s) => (s.type === 'planted' ? [s.plant] : [])));

let built: Awaited<ReturnType<typeof buildCli>>;

beforeAll(async () => {
  // Worker threads run built JavaScript only: build the CLI and its worker first.
  built = await buildCli();
  vi.stubEnv('CASEKIT_REDACT_WORKER', built.worker);
  dir = await mkdtemp(path.join(os.tmpdir(), 'casekit-redact-cli-'));
  manifest = await writeCorpus(path.join(dir, 'in'));
  mailstore = await redactFolder('mailstore');
  mta = await redactFolder('mta');
}, 300_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
  await built.remove();
});

const show = (problems: readonly string[]) => problems.slice(0, 15);

describe('casekit redact on the Zimbra corpus', () => {
  it('ends with exit 0 and a clean leak check for both servers', () => {
    expect({
      code: mailstore.code,
      status: mailstore.report.status,
      findings: mailstore.report.leakCheck.findings.slice(0, 10),
    }).toEqual({ code: 0, status: 'done', findings: [] });
    expect({ code: mta.code, status: mta.report.status, findings: mta.report.leakCheck.findings.slice(0, 10) }).toEqual(
      { code: 0, status: 'done', findings: [] },
    );
  });

  it('writes every text file, the .gz as .gz and the zmdiaglog archive with its members redacted', () => {
    expect([...mailstore.verdict.missing, ...mta.verdict.missing]).toEqual([]);
    const archive = manifest.diskFiles.find((f) => f.endsWith('.tar.bz2'))!;
    expect(mailstore.output.resolve(archive)).not.toBeNull();
    expect(mailstore.output.names).toContain('mailstore/log/mailbox.log.2026-11-24.gz');
  });

  it('keeps every byte outside the planted spans, in plain files, the .gz and the archive members', () => {
    expect(show([...mailstore.verdict.structure, ...mta.verdict.structure])).toEqual([]);
  });

  it('leaves no planted value in any file, member or report', async () => {
    expect(show([...mailstore.verdict.leaks, ...mta.verdict.leaks])).toEqual([]);
    const index = new NeedleIndex(allPlants());
    for (const file of [path.join(dir, 'report-mailstore.json'), path.join(dir, 'report-mta.json')]) {
      expect(index.find(await readFile(file)), file).toEqual([]);
    }
  });

  it('gives each value one pseudonym across both runs that share the map, and two values two', () => {
    const replaced = [...mailstore.verdict.replaced, ...mta.verdict.replaced];
    const shared = new Set(mailstore.verdict.replaced.map((r) => `${r.plant.kind}:${r.plant.value}`));
    expect(mta.verdict.replaced.filter((r) => shared.has(`${r.plant.kind}:${r.plant.value}`)).length).toBeGreaterThan(
      50,
    );
    expect(show(consistencyProblems(replaced))).toEqual([]);
    expect(
      show([...mailstore.verdict.ips, ...mta.verdict.ips, ...mailstore.verdict.shapes, ...mta.verdict.shapes]),
    ).toEqual([]);
  });

  it('keeps the diagnostics', () => {
    expect([...mailstore.verdict.diagnostics, ...mta.verdict.diagnostics]).toEqual([]);
  });

  it('keeps the map out of the output, readable only by the user, holding the originals', async () => {
    const info = await stat(mapFile());
    expect(info.mode & 0o777).toBe(0o600);
    const map = await readFile(mapFile());
    const admin = manifest.entries
      .flatMap((e) => e.file.segments)
      .find((s) => s.type === 'planted' && s.plant.kind === 'email');
    expect(map.toString('utf8').toLowerCase()).toContain((admin as { plant: Plant }).plant.value);
    for (const out of [mailstore, mta]) {
      for (const name of out.output.names) expect(path.basename(name)).not.toBe(path.basename(mapFile()));
      for (const [name, bytes] of out.output.members) expect(bytes.equals(map), name).toBe(false);
    }
  });

  it('leaves the heap dump out of the archive and says so in the report', () => {
    const [dump] = manifest.binaries;
    const archive = dump!.container.type === 'tar.bz2' ? dump!.container.file : '';
    expect(mailstore.output.resolve(archive)).not.toBeNull();
    expect(mailstore.output.resolve(`${archive}!${dump!.path}`)).toBeNull();
    expect(
      mailstore.report.leftOut.some((item) => item.path.endsWith('heapdump-live.hprof') && item.reason.length > 0),
    ).toBe(true);
  });

  it('with --include-binary keeps the heap dump as it is and reports what it holds, without the values', async () => {
    const withBinary = await redactFolder('mailstore', ['--include-binary']);
    const [dump] = manifest.binaries;
    const archive = dump!.container.type === 'tar.bz2' ? dump!.container.file : '';
    const kept = withBinary.output.resolve(`${archive}!${dump!.path}`);
    expect(kept).not.toBeNull();
    expect(withBinary.output.members.get(kept!)?.equals(dump!.bytes)).toBe(true);
    const findings = withBinary.report.binaryFindings.filter((f) => f.file.endsWith('heapdump-live.hprof'));
    expect(findings.length).toBeGreaterThan(0);
    expect(new NeedleIndex(dump!.plants).find(Buffer.from(JSON.stringify(withBinary.report)))).toEqual([]);
  }, 120_000);

  it('does not name the server in output file names, and names it there as in the files (zmdiaglog puts it in its names)', () => {
    const leaks = manifest.namesWithPlants.flatMap(({ values }) =>
      mailstore.output.names.filter((name) => values.some((value) => name.toLowerCase().includes(value.toLowerCase()))),
    );
    expect(leaks).toEqual([]);
    const archive = manifest.diskFiles.find((f) => f.endsWith('.tar.bz2'))!;
    const server = manifest.namesWithPlants[0]!.values[0]!;
    const pseudonym = mailstore.verdict.replaced.find((r) => r.plant.kind === 'host' && r.plant.value === server);
    expect(pseudonym).toBeDefined();
    expect(mailstore.output.resolve(archive)).toBe(archive.split(server).join(pseudonym!.replacement.toString()));
  });
});
