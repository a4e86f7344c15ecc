import os from 'node:os';
import { resolveDataDir } from '../../core/common/data-dir';
import { defaultMapFile, redactTree, type RedactProgress, type RedactReport } from '../../core/redact/index';
import { formatByteSize } from '../../shared/byte-size';
import { CasekitError } from '../../shared/error-codes';
import { CliExit, EXIT } from '../exit-codes';
import { runInterruptible } from '../interruptible';

export interface RedactFlags {
  out: string;
  map?: string;
  report?: string;
  keyword?: string[];
  rules?: string;
  includeBinary?: boolean;
  workers?: number;
  json?: boolean;
}

/** At most this many left-out files, failures or findings are listed on stderr; the report has them all. */
const LIST_AT_MOST = 20;
/** Plain progress lines (stderr not a terminal) come at most this often. */
const PLAIN_PROGRESS_EVERY_MS = 5000;

const PHASE_LABEL: Record<RedactProgress['phase'], string> = {
  learn: 'learning',
  redact: 'redacting',
  check: 'leak check',
};

/** A line that rewrites itself on a terminal; plain lines, now and then, otherwise. */
function progressPrinter(stream: NodeJS.WriteStream): { update: (p: RedactProgress) => void; end: () => void } {
  let lastPhase: string | null = null;
  let lastPlain = 0;
  let drawn = false;
  const line = (p: RedactProgress) =>
    `${PHASE_LABEL[p.phase]}: ${p.filesDone}/${p.filesTotal} files, ${formatByteSize(p.bytesDone)} of ${formatByteSize(p.bytesTotal)}`;
  return {
    update: (p) => {
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${line(p)}`);
        drawn = true;
        return;
      }
      const now = Date.now();
      const done = p.filesDone === p.filesTotal;
      if (p.phase !== lastPhase || now - lastPlain >= PLAIN_PROGRESS_EVERY_MS || (done && p.current !== null)) {
        stream.write(`${line(p)}\n`);
        lastPhase = p.phase;
        lastPlain = now;
      }
    },
    end: () => {
      if (drawn) stream.write('\n');
    },
  };
}

function listSome(title: string, items: string[]): void {
  if (items.length === 0) return;
  console.error(title);
  for (const item of items.slice(0, LIST_AT_MOST)) console.error(`  ${item}`);
  if (items.length > LIST_AT_MOST) console.error(`  … and ${items.length - LIST_AT_MOST} more (see --report)`);
}

function summarize(report: RedactReport): void {
  const { totals } = report;
  console.error(
    `Redacted ${totals.written} of ${totals.files} files (${formatByteSize(totals.bytesIn)} in, ${formatByteSize(totals.bytesOut)} out) into ${report.output}: ${totals.replacements} replacements.`,
  );
  listSome(
    'Left out:',
    report.leftOut.map((item) => `${item.path}: ${item.reason}`),
  );
  listSome(
    'Failed (not written):',
    report.failed.map((item) => `${item.path}: ${item.reason}`),
  );
  listSome(
    'Found in included binaries (left as they are):',
    report.binaryFindings.map(
      (item) => `${item.file}: ${item.count} × ${item.rule}, first at byte ${item.firstOffset}`,
    ),
  );
  listSome(
    'Leak check found (these files were not written):',
    report.leakCheck.findings.map((item) => `${item.file}:${item.line}: ${item.rule}`),
  );
}

/** `casekit redact`: loaded only when the command runs (redact-command.ts defines its flags). */
export async function redactAction(input: string, flags: RedactFlags): Promise<void> {
  let mapFile = flags.map;
  if (mapFile === undefined) {
    const dataDir = resolveDataDir({ env: process.env, platform: process.platform, homedir: os.homedir() });
    mapFile = defaultMapFile(dataDir);
    console.error(`casekit redact: pseudonym map: ${mapFile} (private, never shipped; --map FILE keeps one per case)`);
  }
  const report: RedactReport = await runInterruptible(progressPrinter(process.stderr), (signal, onProgress) =>
    redactTree({
      input,
      output: flags.out,
      mapFile,
      reportFile: flags.report,
      keywords: flags.keyword ?? [],
      rulesFile: flags.rules,
      includeBinary: flags.includeBinary ?? false,
      workers: flags.workers,
      signal,
      onProgress,
    }),
  ).catch((error: unknown) => {
    if (error instanceof CasekitError && error.code === 'INVALID_INPUT') throw new CliExit(EXIT.USAGE, error.message);
    throw new CliExit(EXIT.FAILED, error instanceof Error ? error.message : String(error));
  });
  summarize(report);
  if (flags.json) console.log(JSON.stringify(report));
  if (report.status === 'leak') {
    const files = new Set(report.leakCheck.findings.map((finding) => finding.file.split('!/')[0]));
    throw new CliExit(
      EXIT.REFUSED,
      `the leak check found ${report.leakCheck.findings.length} thing(s) left in ${files.size} file(s); those files were not written. Add --keyword or --rules for what was missed, or report it, and run again.`,
    );
  }
  if (report.status === 'partial') {
    throw new CliExit(EXIT.PARTIAL, `${report.failed.length} file(s) failed and were not written; the rest is done.`);
  }
}
