import type { Command } from 'commander';

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .argument('<outdir>', 'a bundle folder made by casekit pack')
    .description('check every file against SHA256SUMS and that the parts reassemble to the bundle checksum')
    .option('--json', 'print the result as one JSON document on stdout')
    .action(async (outDir: string, flags: { json?: boolean }) =>
      (await import('./verify-action')).verifyAction(outDir, flags),
    );
}
