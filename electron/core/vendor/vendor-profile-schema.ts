import { z } from 'zod';
import { PORTAL_DEFAULTS } from '../ship/portal/portal-options';
import { collectProfileSchema } from './collect-profile-schema';
import { supportProfileSchema } from './support-profile-schema';
import { DEFAULT_VENDOR_ID, VENDOR_ID_PATTERN } from './vendor-id';

export { DEFAULT_VENDOR_ID, VENDOR_ID_PATTERN };

const bytes = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const formField = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, 'a form field name is printable ASCII without spaces');

const portalSchema = z.strictObject({
  /** The upload address, or null when the vendor publishes none: the user enters it. */
  url: z.url({ protocol: /^https$/ }).nullable(),
  fields: z
    .strictObject({ case: formField, file: formField })
    .refine((fields) => fields.case !== fields.file, 'the case and file fields need different names'),
  /** The largest request body the portal takes, in bytes. */
  limit: bytes,
  concurrency: z.number().int().min(1).max(PORTAL_DEFAULTS.maxConcurrency),
});

const shipSchema = z.strictObject({
  portal: portalSchema,
  /** The largest whole message the vendor's support mailbox takes, in bytes. */
  email: z.strictObject({ limit: bytes }),
  /** The vendor's upload server, or null when it publishes none. */
  ftp: z.strictObject({ url: z.url({ protocol: /^ftps?$/ }).nullable() }),
});

/**
 * A vendor profile, `resources/vendors/<id>.json`: what Casekit knows about a
 * vendor's support: how cases are opened and rated (`support`), what to
 * gather from its servers (`collect`) and where to send it (`ship`). Every
 * object is strict, so a misspelt key is an error rather than a setting
 * silently ignored; a new section is added here, not let through.
 */
export const vendorProfileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  id: z.string().regex(VENDOR_ID_PATTERN),
  name: z.string().trim().min(1).max(100),
  support: supportProfileSchema,
  collect: collectProfileSchema,
  ship: shipSchema,
});
export type VendorProfile = z.infer<typeof vendorProfileSchema>;
export type PortalProfile = VendorProfile['ship']['portal'];
