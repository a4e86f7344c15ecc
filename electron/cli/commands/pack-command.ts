import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import {
  DEFAULT_PART_SIZE,
  isCaseNumber,
  MIN_PART_SIZE,
  packBundle,
  type BundleFormat,
  type PackProgress,
  type PackResult,
} from '../../core/bundle/index';
import { resolveDataDir } from '../../core/common/data-dir';
import { defaultMapFile } from '../../core/redact/index';
import { BYTE_SIZE_HELP, formatByteSize, parseByteSize } from '../../shared/byte-size';
import { CasekitError, type ErrorCode } from '../../shared/error-codes';
import { CliExit, EXIT, type ExitCode } from '../exit-codes';
import { runInterruptible } from '../interruptible';
import { CASEKIT_VERSION } from '../version';

interface PackFlags {
  case: string;
  out: string;
  format: BundleFormat;
  partSize: number;
  map?: string;
  allowBinary?: string[];
  summary?: string;
  report?: string;
  workers?: number;
  json?: boolean;
}

const PLAIN_PROGRESS_EVERY_MS = 5000;

function parseCaseNumber(value: string): string {
  if (!isCaseNumber(value))
    throw new InvalidArgumentError(`'${value}' is not a case number: exactly 8 digits (00012345).`);
  return value;
}

function parsePartSize(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === null) throw new InvalidArgumentError(`'${value}' is not a size: use ${BYTE_SIZE_HELP}.`);
  if (bytes < MIN_PART_SIZE)
    throw new InvalidArgumentError(`'${value}' is too small for a part: use at least ${MIN_PART_SIZE} bytes.`);
  return bytes;
}

function parseWorkers(value: string): number {
  if (!/^\d{1,2}$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError(`'${value}' is not a number of leak-check threads: use 1 to 99.`);
  }
  return Number(value);
}

/** A line that rewrites itself on a terminal; a plain line now and then otherwise. */
function packProgress(stream: NodeJS.WriteStream): { update: (p: PackProgress) => void; end: () => void } {
  let last = 0;
  let drawn = false;
  const line = (p: PackProgress) =>
    `packing: ${p.filesDone}/${p.filesTotal} files, ${formatByteSize(p.bytesDone)} of ${formatByteSize(p.bytesTotal)} (leak check ${formatByteSize(p.checkedBytes)})`;
  return {
    update: (p) => {
      const now = Date.now();
      if (stream.isTTY) {
        if (now - last < 100) return;
        stream.write(`\r\x1b[2K${line(p)}`);
        drawn = true;
      } else if (now - last >= PLAIN_PROGRESS_EVERY_MS) {
        stream.write(`${line(p)}\n`);
      } else return;
      last = now;
    },
    end: () => {
      if (drawn) stream.write('\n');
    },
  };
}

/** What each refusal of the core ends with (../shared/CLI.md). */
const EXIT_OF: Partial<Record<ErrorCode, ExitCode>> = {
  INVALID_INPUT: EXIT.USAGE,
  LEAK_CHECK_FAILED: EXIT.REFUSED,
  CONSENT_REQUIRED: EXIT.REFUSED,
};

function summarize(result: PackResult): void {
  console.error(
    `Packed ${result.files} files into ${result.bundleName} (${formatByteSize(result.bundleSize)}, ${result.parts.length} part${result.parts.length === 1 ? '' : 's'}) in ${result.outDir}.`,
  );
  console.error(`Check it with: casekit verify ${result.outDir}   (or sha256sum -c SHA256SUMS in that folder)`);
}

export function registerPackCommand(program: Command): void {
  program
    .command('pack')
    .argument('<dir>', 'the redacted folder to pack (one folder per host)')
    .description('pack a redacted folder into a bundle split into parts under a size limit, with checksums')
    .requiredOption('--case <number>', 'the case number, exactly 8 digits', parseCaseNumber)
    .requiredOption('--out <outdir>', 'an empty or new folder for the parts, SHA256SUMS and README.txt')
    .addOption(new Option('--format <format>', 'the bundle format').choices(['tar.gz', 'zip']).default('tar.gz'))
    .option(
      '--part-size <size>',
      `the largest part: ${BYTE_SIZE_HELP} (default 9.5MiB)`,
      parsePartSize,
      DEFAULT_PART_SIZE,
    )
    .option(
      '--map <file>',
      "the pseudonym map the redaction used (default: Casekit's data folder, redaction-maps/default.json)",
    )
    .option(
      '--allow-binary <path>',
      'ship this binary file (relative to DIR) as it is: your consent, since it cannot be redacted (repeatable)',
      (value: string, all: string[] | undefined) => [...(all ?? []), value],
    )
    .option('--summary <file>', 'markdown for CASE-SUMMARY.md (default: a factual summary of the bundle)')
    .option('--report <file>', 'the redaction report (casekit redact --report) to include, if it is not in DIR')
    .option('--workers <n>', 'leak-check threads (default: one less than the cores)', parseWorkers)
    .option('--json', 'print the result as one JSON document on stdout')
    .action(async (dir: string, flags: PackFlags) => {
      let mapFile = flags.map;
      if (mapFile === undefined) {
        mapFile = defaultMapFile(
          resolveDataDir({ env: process.env, platform: process.platform, homedir: os.homedir() }),
        );
        console.error(`casekit pack: leak check against the pseudonym map ${mapFile} (--map FILE names another)`);
      }
      let caseSummary: string | undefined;
      if (flags.summary !== undefined) {
        caseSummary = await readFile(flags.summary, 'utf8').catch((error: unknown) => {
          throw new CliExit(EXIT.USAGE, `cannot read the summary ${flags.summary}: ${(error as Error).message}`);
        });
      }
      const result: PackResult = await runInterruptible(packProgress(process.stderr), (signal, onProgress) =>
        packBundle({
          sourceDir: dir,
          outDir: flags.out,
          caseNumber: flags.case,
          format: flags.format,
          partSize: flags.partSize,
          appVersion: CASEKIT_VERSION,
          mapFile,
          consentedBinaries: flags.allowBinary ?? [],
          caseSummary,
          redactionReport: flags.report,
          workers: flags.workers,
          signal,
          onProgress,
        }),
      ).catch((error: unknown) => {
        const code = error instanceof CasekitError ? (EXIT_OF[error.code] ?? EXIT.FAILED) : EXIT.FAILED;
        const message = error instanceof Error ? error.message : String(error);
        // scripts get one document either way: the refusal's code says what to do
        if (flags.json) {
          const errorCode = error instanceof CasekitError ? error.code : 'INTERNAL';
          console.log(JSON.stringify({ ok: false, error: { code: errorCode, message } }));
        }
        throw new CliExit(code, message);
      });
      summarize(result);
      if (flags.json) console.log(JSON.stringify({ ok: true, ...result }));
    });
}
