import { CasekitError } from '../../shared/error-codes';

export type BundleFormat = 'tar.gz' | 'zip';

export const BUNDLE_FORMATS: readonly BundleFormat[] = ['tar.gz', 'zip'];

export { DEFAULT_PART_SIZE, MIN_PART_SIZE } from './part-size';

const CASE_NUMBER = /^\d{8}$/;

export function isCaseNumber(text: string): boolean {
  return CASE_NUMBER.test(text);
}

export function assertCaseNumber(text: string): void {
  if (!isCaseNumber(text)) {
    throw new CasekitError(
      'INVALID_INPUT',
      `"${text}" is not a case number: a case number is exactly 8 digits (00012345).`,
    );
  }
}

/** `20261126T014933Z`: sorts by time, and holds no character a file system or shell minds. */
export function utcStamp(when: Date): string {
  return when
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll('-', '')
    .replaceAll(':', '');
}

/** `case-00012345-20261126T014933Z.tar.gz` */
export function bundleFileName(caseNumber: string, when: Date, format: BundleFormat): string {
  return `case-${caseNumber}-${utcStamp(when)}.${format}`;
}

/** Part numbers have at least three digits, more when there are more parts, so `cat <bundle>.part*` keeps their order. */
export function partDigits(count: number): number {
  return Math.max(3, String(count).length);
}

/** `<bundle>.part001` */
export function partFileName(bundle: string, index: number, count: number): string {
  return `${bundle}.part${String(index).padStart(partDigits(count), '0')}`;
}

/** The bundle of a part or of the bundle itself, and the part number (0 for the whole bundle). */
export function parsePartName(name: string, bundle: string): number | null {
  if (name === bundle) return 0;
  if (!name.startsWith(`${bundle}.part`)) return null;
  const digits = name.slice(bundle.length + '.part'.length);
  return /^\d{3,}$/.test(digits) && Number(digits) > 0 ? Number(digits) : null;
}

/** The checksum file of the reassembled bundle. */
export const checksumFileName = (bundle: string): string => `${bundle}.sha256`;

export const README_FILE = 'README.txt';
export const MANIFEST_FILE = 'MANIFEST.json';
export const CASE_SUMMARY_FILE = 'CASE-SUMMARY.md';
export const REPORT_FILE = 'redaction-report.json';
