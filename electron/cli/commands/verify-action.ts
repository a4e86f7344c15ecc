import { verifyBundle, type VerifyResult } from '../../core/bundle/index';
import { formatByteSize } from '../../shared/byte-size';
import { CliExit, EXIT } from '../exit-codes';
import { runInterruptible } from '../interruptible';

function report(result: VerifyResult): void {
  if (result.ok) {
    console.error(
      `OK: ${result.filesOk} file(s) match SHA256SUMS, and the ${result.parts.length} part(s) put together match ${result.bundleName ?? 'the bundle'}.sha256 (${formatByteSize(result.bytesChecked)} read).`,
    );
    return;
  }
  console.error(`${result.outDir}: ${result.problems.length} problem(s):`);
  for (const problem of result.problems) console.error(`  ${problem.message}`);
}

/** `casekit verify`: loaded only when the command runs (verify-command.ts defines its flags). */
export async function verifyAction(outDir: string, flags: { json?: boolean }): Promise<void> {
  const result: VerifyResult = await runInterruptible(null, (signal) => verifyBundle(outDir, { signal })).catch(
    (error: unknown) => {
      throw new CliExit(EXIT.FAILED, error instanceof Error ? error.message : String(error));
    },
  );
  report(result);
  if (flags.json) console.log(JSON.stringify(result));
  if (!result.ok) throw new CliExit(EXIT.FAILED, `the bundle in ${outDir} did not verify.`);
}
