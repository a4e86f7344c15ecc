import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { PartTooLargeError, writeEmailMessages } from '../../core/ship/email/index';
import { receiptText } from '../../core/ship/receipt-text';
import { DEFAULT_VENDOR_ID } from '../../core/vendor/index';
import { BYTE_SIZE_HELP, formatByteSize, parseByteSize } from '../../shared/byte-size';
import { CASE_NUMBER_PATTERN } from '../../shared/case-schemas';
import { CasekitError } from '../../shared/error-codes';
import { CliExit, EXIT } from '../exit-codes';
import { cliVendorProfile } from './cli-vendor-profile';
import { shipWithProgress } from './ship-progress-printer';

interface EmailFlags {
  to: string;
  from?: string;
  case: string;
  out: string;
  limit?: number;
  json?: boolean;
}

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

// Input problems are usage errors (exit 2), a part too big included: packing again with --part-size fixes it.
const USAGE_CODES = new Set(['INVALID_INPUT', 'BUNDLE_INVALID', 'PART_TOO_LARGE']);

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
    .action(async (outdir: string, flags: EmailFlags) => {
      const limit = flags.limit ?? (await cliVendorProfile(DEFAULT_VENDOR_ID)).ship.email.limit;
      const result = await shipWithProgress('writing messages', (signal, onProgress) =>
        writeEmailMessages({
          bundleDir: outdir,
          to: flags.to,
          from: flags.from,
          caseNumber: flags.case,
          outFile: flags.out,
          limit,
          signal,
          onProgress,
        }),
      ).catch((error: unknown) => {
        if (error instanceof PartTooLargeError) {
          console.error(
            `casekit ship email: largest part that fits: ${error.partSize} bytes (${formatByteSize(error.partSize)})`,
          );
        }
        if (error instanceof CasekitError && USAGE_CODES.has(error.code)) throw new CliExit(EXIT.USAGE, error.message);
        throw new CliExit(EXIT.FAILED, error instanceof Error ? error.message : String(error));
      });
      const { messages, receipt, leftOver } = result;
      console.error(`Wrote ${messages.length} message(s) for ${flags.to}; open each in your mail client and send it:`);
      for (const message of messages) {
        console.error(`  ${message.path}  ${formatByteSize(message.size)}  ${message.attachments.join(', ')}`);
      }
      if (leftOver.length > 0) {
        console.error(`Not part of this set, left by an earlier run (delete before sending): ${leftOver.join(', ')}`);
      }
      const text = receiptText(receipt, { caseNumber: flags.case });
      console.error(`\nReceipt (paste into the portal or a reply):\n\n${text}`);
      if (flags.json) console.log(JSON.stringify({ messages, leftOver, receipt, receiptText: text }));
    });
}
