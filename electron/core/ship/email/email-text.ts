import { bytesText, verifySteps } from '../receipt-text';
import type { ShipFile } from '../ship-types';

/** What the subject and body say about the bundle as a whole. */
export interface BundleFacts {
  caseNumber: string;
  bundleName: string;
  /** Every file of the bundle, not only this message's. */
  fileCount: number;
  totalBytes: number;
  /** Names the verify steps are derived from. */
  names: readonly string[];
}

/** `case 00012345: <bundle> (1 of 3)`: Zimbra files a mail into the case by the leading `case NNNNNNNN`. */
export function messageSubject(facts: BundleFacts, k: number, n: number): string {
  return `case ${facts.caseNumber}: ${facts.bundleName} (${k} of ${n})`;
}

/** A factual summary when the user gave none: the bundle, its size, how many messages, how to check it. */
export function defaultSummary(facts: BundleFacts, n: number): string {
  return [
    `Files for Zimbra support case ${facts.caseNumber}: the bundle ${facts.bundleName},`,
    `${facts.fileCount} files, ${bytesText(facts.totalBytes)} in all, sent as ${n} message(s).`,
    '',
    'How to verify, once the attachments of every message are saved in one folder:',
    ...verifySteps(facts.names),
  ].join('\n');
}

/** The body: the summary, then what this message carries, with sizes and checksums to check each file alone. */
export function messageText(
  summary: string | undefined,
  facts: BundleFacts,
  k: number,
  n: number,
  files: readonly Pick<ShipFile, 'name' | 'size' | 'sha256'>[],
): string {
  const lines = files.map((file) => {
    const sum = file.sha256 === null ? '' : `, sha256 ${file.sha256}`;
    return `  ${file.name}: ${bytesText(file.size)}${sum}`;
  });
  return [
    (summary ?? defaultSummary(facts, n)).trimEnd(),
    '',
    `This is message ${k} of ${n}. Attached here:`,
    ...lines,
    '',
  ].join('\n');
}
