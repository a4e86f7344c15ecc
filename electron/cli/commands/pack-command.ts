import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_PART_SIZE, MIN_PART_SIZE } from '../../core/bundle/part-size';
import { BYTE_SIZE_HELP, parseByteSize } from '../../shared/byte-size';
import { CASE_NUMBER_PATTERN } from '../../shared/case-number';
import type { PackFlags } from './pack-action';

function parseCaseNumber(value: string): string {
  if (!CASE_NUMBER_PATTERN.test(value))
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
    .action(async (dir: string, flags: PackFlags) => (await import('./pack-action')).packAction(dir, flags));
}
