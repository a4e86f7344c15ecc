import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { BYTE_SIZE_HELP, parseByteSize } from '../../shared/byte-size';
import { CASE_NUMBER_PATTERN } from '../../shared/case-number';
import type { EmailFlags } from './ship-email-action';

function parseLimit(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === null) throw new InvalidArgumentError(`'${value}' is not a size: use ${BYTE_SIZE_HELP}.`);
  return bytes;
}

function parseCaseNumber(value: string): string {
  if (!CASE_NUMBER_PATTERN.test(value)) {
    throw new InvalidArgumentError(`'${value}' is not a case number: it is exactly 8 digits, for example 00012345.`);
  }
  return value;
}

export function registerShipEmailCommand(ship: Command): void {
  ship
    .command('email')
    .argument('<outdir>', 'the bundle folder made by casekit pack')
    .description(
      'write the bundle as e-mail messages (.eml) with the parts attached, to open and send from a mail client',
    )
    .requiredOption('--to <addr>', 'the support address the messages go to')
    .requiredOption(
      '--case <number>',
      'the case number (8 digits); subjects start with "case NNNNNNNN"',
      parseCaseNumber,
    )
    .requiredOption('--out <file.eml>', 'the first message; further ones are FILE-2.eml, FILE-3.eml, …')
    .option(
      '--limit <size>',
      `the most each whole message may take as written (default: the zimbra profile's, 10MB): ${BYTE_SIZE_HELP}`,
      parseLimit,
    )
    .option('--from <addr>', 'the From address (default: the --to address; the mail client sets yours when sending)')
    .option('--json', 'print the messages and the receipt as one JSON document on stdout')
    .action(async (outdir: string, flags: EmailFlags) =>
      (await import('./ship-email-action')).shipEmailAction(outdir, flags),
    );
}
