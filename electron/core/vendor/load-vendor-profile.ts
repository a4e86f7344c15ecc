import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { CasekitError } from '../../shared/error-codes';
import { errnoCode, ioError } from '../common/error-text';
import { VENDOR_ID_PATTERN, vendorProfileSchema, type VendorProfile } from './vendor-profile-schema';

/** `ship.portal.limit`, `contacts[0].email`: where in the JSON the issue is. */
export function jsonPath(issuePath: readonly PropertyKey[]): string {
  let text = '';
  for (const key of issuePath) {
    text += typeof key === 'number' ? `[${key}]` : `${text === '' ? '' : '.'}${String(key)}`;
  }
  return text === '' ? '(the whole document)' : text;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue === undefined ? 'not a profile' : `${jsonPath(issue.path)}: ${issue.message}`;
}

export function vendorProfileFile(id: string, resourcesDir: string): string {
  return path.join(resourcesDir, 'vendors', `${id}.json`);
}

/**
 * Reads and checks `<resourcesDir>/vendors/<id>.json`. Refused with
 * INVALID_INPUT, naming the file: an unknown id, a file that is not JSON, or
 * the first field the schema refuses, by its JSON path.
 */
export async function loadVendorProfile(id: string, options: { resourcesDir: string }): Promise<VendorProfile> {
  if (!VENDOR_ID_PATTERN.test(id)) {
    throw new CasekitError(
      'INVALID_INPUT',
      `"${id}" is not a vendor id: use lower-case letters, digits and dashes, such as zimbra.`,
    );
  }
  const file = vendorProfileFile(id, options.resourcesDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') {
      throw new CasekitError(
        'INVALID_INPUT',
        `There is no vendor profile "${id}" (${file} does not exist). Check the vendor id; Casekit ships zimbra.`,
      );
    }
    throw ioError(`read the vendor profile ${file}`, error, 'Check that your user account may read it.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CasekitError(
      'INVALID_INPUT',
      `The vendor profile ${file} is not valid JSON (${(error as Error).message}). Fix it, or install Casekit again.`,
    );
  }
  const parsed = vendorProfileSchema.safeParse(json);
  if (!parsed.success) {
    throw new CasekitError(
      'INVALID_INPUT',
      `The vendor profile ${file} is not valid: ${firstIssue(parsed.error)}. Fix that field, or install Casekit again.`,
    );
  }
  if (parsed.data.id !== id) {
    throw new CasekitError(
      'INVALID_INPUT',
      `The vendor profile ${file} is not valid: id: it says "${parsed.data.id}", but the file is named for "${id}".`,
    );
  }
  return parsed.data;
}
