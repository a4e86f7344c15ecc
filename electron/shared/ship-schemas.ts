import { z } from 'zod';

/**
 * Shipments as a case records them: one definition for the core's ShipReceipt
 * (../core/ship/ship-types.ts derives its types from here), the case file and
 * the API. Every channel that sends files (FTP, portal, e-mail) writes a
 * receipt; a download link the user shared elsewhere is recorded the same way,
 * with `channel: 'link'` and the link itself.
 */
export const shipChannelSchema = z.enum(['ftp', 'portal', 'email', 'link']);

export const shipFileStatusSchema = z.enum(['sent', 'already-there', 'failed', 'not-sent']);

export const shipFileResultSchema = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  /** Lower-case hex; null only for SHA256SUMS itself. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  status: shipFileStatusSchema,
  /** Requests or connections it took, retries included. */
  attempts: z.number().int().nonnegative(),
  /** What the server said about it (status line, FTP reply), untrusted text. */
  serverAnswer: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

// A share link must be https and may carry its token in the path or query, never a user name or password.
export const downloadLinkUrlSchema = z
  .string()
  .trim()
  .max(2048, 'A download link is at most 2048 characters.')
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', {
    message: 'A download link must be a full https:// address.',
  })
  .refine((value) => !URL.canParse(value) || (new URL(value).username === '' && new URL(value).password === ''), {
    message: 'A download link must not contain a user name or password; share a link that works without them.',
  });

export const downloadLinkSchema = z.object({
  url: downloadLinkUrlSchema,
  /** When the link stops working; absent when it does not expire (or the user did not say). */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  note: z.string().max(2000).optional(),
  recordedAt: z.iso.datetime(),
});

/**
 * What the user gives to record a link: recordedAt is the store's clock, and
 * `files` (optional) names what the link serves, as `listShipFiles` lists it.
 */
export const downloadLinkInputSchema = downloadLinkSchema.omit({ recordedAt: true }).extend({
  note: z.string().trim().max(2000, 'A note is at most 2000 characters.').optional(),
  files: z.array(shipFileResultSchema.pick({ name: true, size: true, sha256: true })).optional(),
});

/**
 * A shipment, as it is recorded in the case and shown to the user. One flat
 * object (channels extend it with their own details): `link` is there exactly
 * when the channel is `link`. Unknown keys are dropped when a case records it.
 */
export const shipReceiptSchema = z
  .object({
    channel: shipChannelSchema,
    /** Where it went, without credentials: `ftp://host:21/dir`, the portal URL, `mailto:` the address, the link. */
    destination: z.string(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    files: z.array(shipFileResultSchema),
    /** True when every file is `sent` or `already-there`. */
    complete: z.boolean(),
    /** Local files the shipment wrote for the user to send on (the e-mail channel's .eml messages). */
    written: z.array(z.string()).optional(),
    /** The shared link, for `channel: 'link'` only. */
    link: downloadLinkSchema.optional(),
  })
  .refine((receipt) => (receipt.channel === 'link') === (receipt.link !== undefined), {
    message: 'A link shipment carries its link, and only a link shipment does.',
    path: ['link'],
  });

/** The case's `shipments` entries are receipts. */
export const shipmentSchema = shipReceiptSchema;

export type ShipChannel = z.infer<typeof shipChannelSchema>;
export type ShipFileStatus = z.infer<typeof shipFileStatusSchema>;
export type ShipFileResult = z.infer<typeof shipFileResultSchema>;
export type ShipReceipt = z.infer<typeof shipReceiptSchema>;
export type Shipment = ShipReceipt;
export type DownloadLink = z.infer<typeof downloadLinkSchema>;
export type DownloadLinkInput = z.input<typeof downloadLinkInputSchema>;
