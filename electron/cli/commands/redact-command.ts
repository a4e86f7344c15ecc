import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { RULES_FILE_HELP } from '../../core/redact/engine/rules-file-help';
import type { RedactFlags } from './redact-action';

function parseWorkers(value: string): number {
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 64) {
    throw new InvalidArgumentError(`'${value}' is not a number of workers: use 1 to 64.`);
  }
  return Number(value);
}

export function registerRedactCommand(program: Command): void {
  program
    .command('redact')
    .argument('<in>', 'a file or folder to redact')
    .description(
      'redact secrets and personal data in a file or folder (logs, .gz, .tar, .tar.gz, .tar.bz2, .zip) into an output folder that mirrors it',
    )
    .requiredOption('--out <dir>', 'the output folder; it mirrors the relative paths of IN')
    .option('--map <file>', "the private pseudonym map (default: Casekit's data folder, redaction-maps/default.json)")
    .option('--report <file>', 'write the JSON report there (counts, files left out and why; no original values)')
    .option(
      '--keyword <word>',
      'an extra literal to redact (repeatable)',
      (word: string, all: string[] | undefined) => [...(all ?? []), word],
    )
    .option('--rules <file>', 'extra rules (format below)')
    .option('--include-binary', 'copy binary files (dumps, images) as they are; they are scanned and findings reported')
    .option('--workers <n>', 'worker threads (default: one per core)', parseWorkers)
    .option('--json', 'print the report as one JSON document on stdout')
    .addHelpText('after', `\nRules file (--rules):\n${RULES_FILE_HELP}`)
    .action(async (input: string, flags: RedactFlags) => (await import('./redact-action')).redactAction(input, flags));
}
