import type { ShipFileResult, ShipReceipt } from '../../shared/ship-schemas';
import { formatByteSize } from '../../shared/byte-size';
import { bundleNameOf, isPartName } from './bundle-name';
import { SUMS_FILE } from './ship-files';

export interface ReceiptTextOptions {
  caseNumber: string;
  /** Only English for now: support reads English. */
  lang?: 'en';
}

// C0 and C1 controls, DEL and bidi overrides: a server's answer must not move the cursor or reorder the text it is pasted into.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]+/gu;
const ANSWER_MAX = 300;

/** Untrusted text (a server's answer) as the receipt shows it: one line, no control characters, cut short. */
export function cleanAnswer(text: string, max: number = ANSWER_MAX): string {
  const flat = text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const CHANNEL_WORDS: Record<ShipReceipt['channel'], string> = {
  ftp: 'uploaded by FTP',
  portal: 'uploaded to the support portal',
  email: 'attached to e-mail',
  link: 'shared as a download link',
};

/** `9,961,472 bytes (9.96 MB)`: exact for checking, readable for people. */
export function bytesText(n: number): string {
  return `${n.toLocaleString('en-US')} bytes${n >= 1000 ? ` (${formatByteSize(n)})` : ''}`;
}

/** `2025-03-01 10:02 UTC`: unambiguous for a reader in any time zone. */
function utc(iso: string): string {
  const normal = new Date(iso).toISOString();
  return `${normal.slice(0, 10)} ${normal.slice(11, 16)} UTC`;
}

/**
 * How support checks what arrived, for the bundle these files make up:
 * SHA256SUMS first, then joining the parts, then the bundle's own checksum.
 */
export function verifySteps(names: readonly string[], bundleDir = '.'): string[] {
  const bundle = bundleNameOf(names, bundleDir);
  const steps = [`In the folder holding the files: sha256sum -c ${SUMS_FILE}`];
  if (names.some(isPartName)) steps.push(`Join the parts: cat ${bundle}.part* > ${bundle}`);
  if (names.includes(`${bundle}.sha256`)) steps.push(`Check the bundle: sha256sum -c ${bundle}.sha256`);
  return steps.map((step, index) => `  ${index + 1}. ${step}`);
}

function fileLine(file: ShipFileResult): string {
  const sum = file.sha256 === null ? '' : `  sha256 ${file.sha256}`;
  return `  ${file.name}  ${bytesText(file.size)}${sum}`;
}

/**
 * Plain text for the portal or a reply mail: what was sent (names, sizes,
 * sha256), where, when, and how to verify it. The same text whatever the channel.
 */
export function receiptText(receipt: ShipReceipt, options: ReceiptTextOptions): string {
  const arrived = receipt.files.filter((file) => file.status === 'sent' || file.status === 'already-there');
  const missing = receipt.files.filter((file) => !arrived.includes(file));
  const total = arrived.reduce((sum, file) => sum + file.size, 0);
  const lines = [
    `Case ${options.caseNumber}: ${arrived.length} file(s) ${CHANNEL_WORDS[receipt.channel]} on ${utc(receipt.finishedAt)}.`,
    `Destination: ${cleanAnswer(receipt.destination, 2048)}`,
  ];
  const { link } = receipt;
  if (link !== undefined) {
    lines.push(link.expiresAt === undefined ? 'The link does not expire.' : `The link expires ${utc(link.expiresAt)}.`);
    if (link.note !== undefined && link.note !== '') lines.push(`Note: ${cleanAnswer(link.note)}`);
  }
  if (receipt.written !== undefined && receipt.written.length > 0) {
    lines.push(`Message file(s): ${receipt.written.join(', ')}`);
  }
  if (arrived.length > 0) lines.push('', `Files (${bytesText(total)} in all):`, ...arrived.map(fileLine));
  const answered = receipt.files.filter((file) => file.serverAnswer !== null && cleanAnswer(file.serverAnswer) !== '');
  if (answered.length > 0) {
    lines.push(
      '',
      'Server answers:',
      ...answered.map((file) => `  ${file.name}: ${cleanAnswer(file.serverAnswer ?? '')}`),
    );
  }
  if (missing.length > 0) {
    lines.push(
      '',
      'Not sent:',
      ...missing.map(
        (file) => `  ${file.name}: ${file.error === null ? file.status : cleanAnswer(file.error.message)}`,
      ),
    );
  }
  if (arrived.length > 0) {
    lines.push('', 'How to verify:', ...verifySteps(receipt.files.map((file) => file.name)));
  }
  return `${lines.join('\n')}\n`;
}
