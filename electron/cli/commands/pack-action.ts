import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { packBundle, type BundleFormat, type PackProgress, type PackResult } from '../../core/bundle/index';
import { resolveDataDir } from '../../core/common/data-dir';
import { defaultMapFile } from '../../core/redact/index';
import { formatByteSize } from '../../shared/byte-size';
import { CasekitError, type ErrorCode } from '../../shared/error-codes';
import { CliExit, EXIT, type ExitCode } from '../exit-codes';
import { runInterruptible } from '../interruptible';
import { CASEKIT_VERSION } from '../version';

export interface PackFlags {
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

/** `casekit pack`: loaded only when the command runs (pack-command.ts defines its flags). */
export async function packAction(dir: string, flags: PackFlags): Promise<void> {
  let mapFile = flags.map;
  if (mapFile === undefined) {
    mapFile = defaultMapFile(resolveDataDir({ env: process.env, platform: process.platform, homedir: os.homedir() }));
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
}
