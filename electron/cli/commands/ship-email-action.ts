import { PartTooLargeError, writeEmailMessages } from '../../core/ship/email/index';
import { receiptText } from '../../core/ship/receipt-text';
import { DEFAULT_VENDOR_ID } from '../../core/vendor/vendor-id';
import { formatByteSize } from '../../shared/byte-size';
import { CasekitError } from '../../shared/error-codes';
import { CliExit, EXIT } from '../exit-codes';
import { cliVendorProfile } from './cli-vendor-profile';
import { shipWithProgress } from './ship-progress-printer';

export interface EmailFlags {
  to: string;
  from?: string;
  case: string;
  out: string;
  limit?: number;
  json?: boolean;
}

// Input problems are usage errors (exit 2), a part too big included: packing again with --part-size fixes it.
const USAGE_CODES = new Set(['INVALID_INPUT', 'BUNDLE_INVALID', 'PART_TOO_LARGE']);

/** `casekit ship email`: loaded only when the command runs (ship-email-command.ts defines its flags). */
export async function shipEmailAction(outdir: string, flags: EmailFlags): Promise<void> {
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
}
