import { z } from 'zod';
import { CasekitError } from '../../../shared/error-codes';

// A bare address: a display name or a second address would let one flag smuggle extra recipients or headers.
const addressSchema = z.email();

/** A plain `user@domain` address, trimmed; INVALID_INPUT naming the flag otherwise. */
export function parseEmailAddress(value: string, field: string): string {
  const address = value.trim();
  if (!addressSchema.safeParse(address).success) {
    throw new CasekitError(
      'INVALID_INPUT',
      `${field}: ${JSON.stringify(value)} is not an e-mail address. Give one plain address such as support@example.com.`,
    );
  }
  return address;
}
