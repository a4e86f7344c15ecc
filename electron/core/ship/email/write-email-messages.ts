import { promises as fs } from 'node:fs';
import path from 'node:path';
import { caseNumberSchema } from '../../../shared/case-schemas';
import { CasekitError } from '../../../shared/error-codes';
import { ioError } from '../../common/error-text';
import { parseField } from '../../common/validate';
import { bundleNameOf } from '../bundle-name';
import { listShipFiles } from '../ship-files';
import type { ShipFile, ShipProgressListener, ShipReceipt } from '../ship-types';
import { parseEmailAddress } from './email-address';
import { planMessages } from './email-plan';
import { writeMessage } from './write-message';

/** Under the 10 MB most mail servers (Zimbra's default included) accept per message. */
export const DEFAULT_MAIL_LIMIT = 10_000_000;

export interface EmailOptions {
  /** A bundle folder made by `casekit pack`. */
  bundleDir: string;
  to: string;
  /** Defaults to `to`: RFC 5322 needs a From, and the mail client puts the user's own address there when sending. */
  from?: string;
  caseNumber: string;
  /** `FILE.eml`; further messages are `FILE-2.eml`, `FILE-3.eml`, … beside it. */
  outFile: string;
  /** The size of each whole message as written, in bytes. */
  limit?: number;
  /** The body's case summary; a factual one is built from the bundle when absent. */
  summary?: string;
  date?: Date;
  signal?: AbortSignal;
  onProgress?: ShipProgressListener;
}

export interface WrittenMessage {
  path: string;
  size: number;
  attachments: string[];
}

/** `FILE.eml` for the first message, `FILE-k.eml` for the k-th. */
export function messagePath(outFile: string, k: number): string {
  return k === 1 ? outFile : `${outFile.slice(0, -'.eml'.length)}-${k}.eml`;
}

function checkOptions(options: EmailOptions): { to: string; from: string; limit: number; outFile: string } {
  const to = parseEmailAddress(options.to, 'to');
  const from = options.from === undefined ? to : parseEmailAddress(options.from, 'from');
  parseField(caseNumberSchema, options.caseNumber, 'caseNumber');
  const limit = options.limit ?? DEFAULT_MAIL_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new CasekitError('INVALID_INPUT', `limit: ${limit} is not a size in bytes. Give a whole number above 0.`);
  }
  if (!/\.eml$/i.test(options.outFile)) {
    throw new CasekitError(
      'INVALID_INPUT',
      `out: ${options.outFile} does not end in .eml, so mail clients would not open it. Name it FILE.eml.`,
    );
  }
  return { to, from, limit, outFile: path.resolve(options.outFile) };
}

/**
 * Writes the bundle as RFC 5322 messages with the files attached, each at
 * most `limit` bytes as written, for the user to open and send from their
 * mail client. All or nothing: on failure or cancel, the messages this call
 * wrote are removed, so an incomplete set is never left to be sent.
 * `leftOver` names `FILE-k.eml` files beyond this set, left by an earlier run.
 */
export async function writeEmailMessages(
  options: EmailOptions,
): Promise<{ receipt: ShipReceipt; messages: WrittenMessage[]; leftOver: string[] }> {
  const { to, from, limit, outFile } = checkOptions(options);
  const startedAt = new Date().toISOString();
  const files = await listShipFiles(options.bundleDir);
  const names = files.map((file) => file.name);
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  const facts = {
    caseNumber: options.caseNumber,
    bundleName: bundleNameOf(names, options.bundleDir),
    fileCount: files.length,
    totalBytes,
    names,
  };
  const date = options.date ?? new Date();
  const plan = await planMessages({ from, to, facts, files, summary: options.summary, limit, date });
  try {
    await fs.mkdir(path.dirname(outFile), { recursive: true });
  } catch (error) {
    throw ioError(`create the folder ${path.dirname(outFile)}`, error);
  }

  const messages: WrittenMessage[] = [];
  let bytesDone = 0;
  let filesDone = 0;
  const report = (file: ShipFile | null) =>
    options.onProgress?.({
      file: file?.name ?? null,
      bytesDone,
      bytesTotal: totalBytes,
      filesDone,
      filesTotal: files.length,
    });
  try {
    for (const [index, { spec, size }] of plan.entries()) {
      const target = messagePath(outFile, index + 1);
      const written = await writeMessage(spec, size, target, {
        signal: options.signal,
        onBytes: (file, bytes) => {
          bytesDone += bytes;
          report(file);
        },
      });
      filesDone += spec.files.length;
      report(null);
      messages.push({ path: target, size: written, attachments: spec.files.map((file) => file.name) });
    }
  } catch (error) {
    await Promise.all(messages.map((message) => fs.rm(message.path, { force: true }).catch(() => undefined)));
    throw error;
  }

  const receipt: ShipReceipt = {
    channel: 'email',
    destination: `mailto:${to}`,
    startedAt,
    finishedAt: new Date().toISOString(),
    files: files.map((file) => ({
      name: file.name,
      size: file.size,
      sha256: file.sha256,
      status: 'sent',
      attempts: 1,
      serverAnswer: null,
      error: null,
    })),
    complete: true,
    written: messages.map((message) => message.path),
  };
  return { receipt, messages, leftOver: await leftOverMessages(outFile, messages.length) };
}

/**
 * `FILE-k.eml` beyond this set, from an earlier run that wrote more messages.
 * Named, not deleted: they may be the user's; sent with this set they would confuse support.
 */
async function leftOverMessages(outFile: string, n: number): Promise<string[]> {
  const found: string[] = [];
  for (let k = n + 1; ; k++) {
    const candidate = messagePath(outFile, k);
    const stat = await fs.stat(candidate).catch(() => null);
    if (stat === null) return found;
    found.push(candidate);
  }
}
