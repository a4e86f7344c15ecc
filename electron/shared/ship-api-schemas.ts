import { z } from 'zod';
import { caseIdSchema, caseRecordSchema } from './case-schemas';
import { jobIdSchema } from './job-schemas';
import { downloadLinkInputSchema, shipReceiptSchema } from './ship-schemas';

/**
 * The Ship step's calls (pack, verify, ship, record), as /work/notes/ship-contract.md
 * names them. Bundles of a case live in `<CASEKIT_HOME>/cases/<caseId>/bundles/<bundle>/`;
 * `bundleDir` is such a folder as `listBundles` gives it (or its bare name).
 */

/** 9.5 MiB: a part and its form around it stay under a 10 MB portal (the core's DEFAULT_PART_SIZE). */
export const DEFAULT_PART_SIZE_BYTES = 9_961_472;
/** The core's MIN_PART_SIZE: smaller parts only make thousands of files. */
export const MIN_PART_SIZE_BYTES = 1024;

export const bundleFormatSchema = z.enum(['tar.gz', 'zip']);
const folderSchema = z.string().trim().min(1, 'Name a folder.').max(4096);
const bundleDirSchema = z.string().trim().min(1, 'Name a bundle folder.').max(4096);

export const scanBundleSourceInputSchema = z.object({ caseId: caseIdSchema, sourceDir: folderSchema }).strict();
export const scanBundleSourceOutputSchema = z.object({
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** Files packing cannot leak-check: each ships only with the user's consent. */
  binaries: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative() })),
});

export const startPackInputSchema = z
  .object({
    caseId: caseIdSchema,
    sourceDir: folderSchema,
    format: bundleFormatSchema.default('tar.gz'),
    partSize: z
      .number()
      .int()
      .min(MIN_PART_SIZE_BYTES, `A part is at least ${MIN_PART_SIZE_BYTES} bytes.`)
      .max(Number.MAX_SAFE_INTEGER)
      .default(DEFAULT_PART_SIZE_BYTES),
    consentedBinaries: z.array(z.string().min(1).max(4096)).max(100_000).default([]),
  })
  .strict();

export const jobStartedSchema = z.object({ jobId: jobIdSchema });

export const bundlePartSchema = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const bundleInfoSchema = z.object({
  /** Absolute path of the bundle folder. */
  dir: z.string(),
  bundleName: z.string(),
  format: bundleFormatSchema,
  parts: z.array(bundlePartSchema),
  bundleSize: z.number().int().nonnegative(),
  bundleSha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.iso.datetime(),
});
export type BundleInfo = z.infer<typeof bundleInfoSchema>;

export const listBundlesInputSchema = z.object({ caseId: caseIdSchema }).strict();
export const listBundlesOutputSchema = z.object({ bundles: z.array(bundleInfoSchema) });

export const verifyBundleInputSchema = z.object({ caseId: caseIdSchema, bundleDir: bundleDirSchema }).strict();
export const verifyBundleOutputSchema = z.object({
  ok: z.boolean(),
  problems: z.array(z.object({ file: z.string().nullable(), message: z.string() })),
});

export const shipChannelInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('ftp'),
      /** `ftp://` or `ftps://[user@]host[:port]/dir`; never a password in it. */
      url: z.string().trim().min(1).max(2048),
      tls: z.enum(['explicit', 'implicit', 'off']),
    })
    .strict(),
  z
    .object({
      kind: z.literal('portal'),
      url: z.string().trim().min(1).max(2048),
      /** The portal's largest request in bytes; default the vendor profile's (10,000,000 for Zimbra). */
      limit: z.number().int().min(MIN_PART_SIZE_BYTES).max(Number.MAX_SAFE_INTEGER).optional(),
    })
    .strict(),
]);
export type ShipChannelInput = z.infer<typeof shipChannelInputSchema>;

export const startShipInputSchema = z
  .object({ caseId: caseIdSchema, bundleDir: bundleDirSchema, channel: shipChannelInputSchema })
  .strict();

export const writeEmailBundleInputSchema = z
  .object({
    caseId: caseIdSchema,
    bundleDir: bundleDirSchema,
    to: z.string().trim().min(3).max(320),
    from: z.string().trim().min(3).max(320).optional(),
    limit: z.number().int().min(MIN_PART_SIZE_BYTES).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();
export const writeEmailBundleOutputSchema = z.object({
  messages: z.array(
    z.object({ path: z.string(), size: z.number().int().nonnegative(), attachments: z.array(z.string()) }),
  ),
  receipt: shipReceiptSchema,
});

export const recordDownloadLinkInputSchema = z.object({ caseId: caseIdSchema, link: downloadLinkInputSchema }).strict();
export const recordDownloadLinkOutputSchema = caseRecordSchema;

export const listShipmentsInputSchema = z.object({ caseId: caseIdSchema }).strict();
export const listShipmentsOutputSchema = z.object({ shipments: z.array(shipReceiptSchema) });

export const getReceiptTextInputSchema = z
  .object({ caseId: caseIdSchema, index: z.number().int().nonnegative() })
  .strict();
export const getReceiptTextOutputSchema = z.object({ text: z.string() });

/** The Ship step's entries of the contract's `calls`. */
export const shipCalls = {
  scanBundleSource: { input: scanBundleSourceInputSchema, output: scanBundleSourceOutputSchema },
  startPack: { input: startPackInputSchema, output: jobStartedSchema },
  listBundles: { input: listBundlesInputSchema, output: listBundlesOutputSchema },
  verifyBundle: { input: verifyBundleInputSchema, output: verifyBundleOutputSchema },
  startShip: { input: startShipInputSchema, output: jobStartedSchema },
  writeEmailBundle: { input: writeEmailBundleInputSchema, output: writeEmailBundleOutputSchema },
  recordDownloadLink: { input: recordDownloadLinkInputSchema, output: recordDownloadLinkOutputSchema },
  listShipments: { input: listShipmentsInputSchema, output: listShipmentsOutputSchema },
  getReceiptText: { input: getReceiptTextInputSchema, output: getReceiptTextOutputSchema },
} as const;
