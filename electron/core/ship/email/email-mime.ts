import type { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import type MimeNode from 'nodemailer/lib/mime-node';
import type { ShipFile } from '../ship-types';

/** Everything that decides a message's bytes, except the attachments' content. */
export interface MessageSpec {
  from: string;
  to: string;
  subject: string;
  text: string;
  date: Date;
  messageId: string;
  /** Fixed per message so measuring and writing produce the same boundaries. */
  baseBoundary: string;
  files: readonly ShipFile[];
}

// nodemailer wraps base64 at 76 characters with CRLF between lines, none after the last.
const BASE64_LINE = 76;

/** Bytes `n` bytes take as nodemailer's base64 body (line breaks included). */
export function base64Size(n: number): number {
  const chars = 4 * Math.ceil(n / 3);
  return chars + 2 * Math.max(Math.ceil(chars / BASE64_LINE) - 1, 0);
}

/** The largest byte count whose base64 body takes at most `room` bytes. */
export function largestFitting(room: number): number {
  if (room < 0) return -1;
  let low = 0;
  let high = room;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (base64Size(mid) <= room) low = mid;
    else high = mid - 1;
  }
  return low;
}

const TEXT_FILE = /(^SHA256SUMS$|\.sha256$|\.txt$)/;

/**
 * Checksum lists and the README are text, so a mail client shows them; parts
 * and archives are opaque bytes. Every attachment is base64 whatever its type:
 * the bytes arrive exactly (line endings too) and the size is known in advance.
 */
export function contentTypeOf(name: string): string {
  return TEXT_FILE.test(name) ? 'text/plain; charset=utf-8' : 'application/octet-stream';
}

/** The message tree, with each attachment's content from `content` (streams while writing, empty while measuring). */
export function composeMessage(spec: MessageSpec, content: (file: ShipFile) => Buffer | Readable): MimeNode {
  return new MailComposer({
    from: spec.from,
    to: spec.to,
    subject: spec.subject,
    date: spec.date,
    messageId: spec.messageId,
    // Outlook opens a message marked unsent as a draft to send, From replaced by the user's account.
    headers: { 'X-Unsent': '1' },
    text: spec.text,
    baseBoundary: spec.baseBoundary,
    // RFC 5322 lines end in CRLF whatever the summary text used.
    newline: 'windows',
    disableUrlAccess: true,
    disableFileAccess: true,
    attachments: spec.files.map((file) => ({
      filename: file.name,
      content: content(file),
      contentType: contentTypeOf(file.name),
      contentTransferEncoding: 'base64',
      contentDisposition: 'attachment',
    })),
  }).compile();
}

/**
 * The exact size of the message as written: the tree built with empty
 * attachments, plus each attachment's base64 size. Checked against the
 * written bytes by the tests and by `writeMessage`. Holds for messages with a
 * text part (multipart/mixed), which every message here has.
 */
export async function messageSize(spec: MessageSpec): Promise<number> {
  const skeleton = await composeMessage(spec, () => Buffer.alloc(0)).build();
  return skeleton.length + spec.files.reduce((sum, file) => sum + base64Size(file.size), 0);
}
