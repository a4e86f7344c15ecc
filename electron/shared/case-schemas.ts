import { z } from 'zod';
import { CASE_NUMBER_PATTERN } from './case-number';
import { shipmentSchema } from './ship-schemas';

export { CASE_NUMBER_PATTERN };
export const caseNumberSchema = z
  .string()
  .regex(CASE_NUMBER_PATTERN, 'A case number is exactly 8 digits, for example 00012345.');

export const vendorIdSchema = z.enum(['zimbra']);
export type VendorId = z.infer<typeof vendorIdSchema>;

export const caseIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{5,63}$/, 'Not a case id: expected lower-case letters, digits and dashes.');
export type CaseId = z.infer<typeof caseIdSchema>;

export const caseTitleSchema = z
  .string()
  .trim()
  .min(1, 'A case needs a title.')
  .max(200, 'A case title is at most 200 characters.');

/** The case document as the API hands it out (the on-disk envelope adds schemaVersion). */
export const caseRecordSchema = z.object({
  id: caseIdSchema,
  title: z.string(),
  vendor: vendorIdSchema,
  caseNumber: caseNumberSchema.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /**
   * Every shipment of the case's files, oldest first. Optional so case files
   * written before shipping existed load as they are; read it with
   * `caseShipments`, which treats a missing list as empty.
   */
  shipments: z.array(shipmentSchema).optional(),
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

/** The case's shipments; none when the case file predates them. */
export function caseShipments(record: Pick<CaseRecord, 'shipments'>): NonNullable<CaseRecord['shipments']> {
  return record.shipments ?? [];
}

export const caseSummarySchema = caseRecordSchema.pick({
  id: true,
  title: true,
  vendor: true,
  caseNumber: true,
  createdAt: true,
  updatedAt: true,
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/** A case folder that could not be read: listed so the user sees it, never rewritten. */
export const caseProblemSchema = z.object({
  id: z.string(),
  folder: z.string(),
  code: z.enum(['CASE_CORRUPT', 'CASE_FROM_NEWER_VERSION', 'IO_ERROR']),
  message: z.string(),
});
export type CaseProblem = z.infer<typeof caseProblemSchema>;
