import { CasekitError } from '../../shared/error-codes';
import { assertCaseNumber, BUNDLE_FORMATS, MIN_PART_SIZE } from './bundle-names';
import type { PackOptions } from './pack-types';

/** Refuses what cannot be packed before anything is read or written. */
export function validatePackOptions(options: PackOptions): void {
  assertCaseNumber(options.caseNumber);
  if (!BUNDLE_FORMATS.includes(options.format)) {
    throw new CasekitError('INVALID_INPUT', `"${String(options.format)}" is not a bundle format: use tar.gz or zip.`);
  }
  if (!Number.isSafeInteger(options.partSize) || options.partSize < MIN_PART_SIZE) {
    throw new CasekitError(
      'INVALID_INPUT',
      `A part size of ${options.partSize} bytes is too small: use at least ${MIN_PART_SIZE} bytes (the default, 9.5MiB, suits a 10 MB portal).`,
    );
  }
  if (options.workers !== undefined && (!Number.isInteger(options.workers) || options.workers < 1)) {
    throw new CasekitError('INVALID_INPUT', `${options.workers} is not a number of leak-check threads: use 1 or more.`);
  }
}
