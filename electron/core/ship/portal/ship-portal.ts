import http from 'node:http';
import https from 'node:https';
import { CasekitError } from '../../../shared/error-codes';
import { formatByteSize } from '../../../shared/byte-size';
import { listShipFiles } from '../ship-files';
import type { ShipFileResult, ShipReceipt } from '../ship-types';
import { fileSha256 } from './file-sha256';
import { planMultipart, type MultipartPlan } from './multipart-body';
import { portalDestination, PortalJournal } from './portal-journal';
import { pinnedTlsOptions } from './pinned-tls';
import { resolvePortalOptions, type ResolvedPortalOptions, type ShipPortalOptions } from './portal-options';
import { createShipProgress } from './ship-progress';
import { uploadFile, type CheckedFile, type UploadContext } from './upload-file';

interface Pending {
  index: number;
  file: CheckedFile;
  plan: MultipartPlan;
}

function tooLarge(file: CheckedFile, plan: MultipartPlan, options: ResolvedPortalOptions): CasekitError {
  const room = options.limit - (plan.contentLength - plan.fileSize);
  return new CasekitError(
    'PART_TOO_LARGE',
    `${file.name} is ${formatByteSize(file.size)} (${file.size} bytes): with the form around it the request would be ${plan.contentLength} bytes, over the portal's limit of ${options.limit}. Nothing was sent. Pack again with --part-size ${room} or smaller (the default 9.5MiB fits a 10MB portal).`,
  );
}

/**
 * Hashes every file before any request: a part that does not match SHA256SUMS
 * is never shipped, what the journal holds is skipped, and a part too large
 * for the portal stops the shipment before it starts.
 */
async function prepare(options: ShipPortalOptions, resolved: ResolvedPortalOptions, journal: PortalJournal) {
  const files = await listShipFiles(options.bundleDir);
  const results: (ShipFileResult | null)[] = [];
  const pending: Pending[] = [];
  for (const [index, listed] of files.entries()) {
    const sha256 = await fileSha256(listed.path, options.signal).catch((error: unknown) => {
      if (options.signal?.aborted === true) throw new CasekitError('CANCELLED', 'The upload was cancelled.');
      throw new CasekitError('IO_ERROR', `Could not read ${listed.path} (${(error as Error).message}).`);
    });
    const file: CheckedFile = { ...listed, sha256 };
    const base = { name: file.name, size: file.size, sha256, attempts: 0 };
    if (listed.sha256 !== null && listed.sha256 !== sha256) {
      results.push({
        ...base,
        status: 'not-sent',
        serverAnswer: null,
        error: {
          code: 'BUNDLE_INVALID',
          message: `${file.name} does not match its checksum in SHA256SUMS, so it was not sent. Pack the bundle again.`,
        },
      });
      continue;
    }
    const stored = journal.entry(file.name);
    if (stored !== undefined && journal.isStored(file.name, sha256)) {
      results.push({ ...base, status: 'already-there', serverAnswer: stored.serverAnswer, error: null });
      continue;
    }
    const plan = planMultipart(resolved.fields, resolved.caseNumber, file.name, file.size);
    if (plan.contentLength > resolved.limit) throw tooLarge(file, plan, resolved);
    results.push(null);
    pending.push({ index, file, plan });
  }
  return { sizes: files.map((file) => file.size), results, pending };
}

/**
 * Ships a bundle folder to a support portal: one multipart POST per file, two
 * or three at once, retried while the portal says "not now", journalled so a
 * re-run sends only what is missing. Resolves with the receipt even when some
 * files failed; rejects before any request for bad input or a part too large,
 * and with CANCELLED when `signal` aborts (what was stored stays journalled).
 */
export async function shipPortal(options: ShipPortalOptions): Promise<ShipReceipt> {
  const resolved = resolvePortalOptions(options);
  const startedAt = new Date().toISOString();
  const journal = await PortalJournal.open(options.bundleDir, resolved.url, resolved.caseNumber);
  const { sizes, results, pending } = await prepare(options, resolved, journal);
  const progress = createShipProgress(
    sizes.map((size, index) => ({ size, done: results[index] !== null })),
    options.onProgress,
  );

  const Agent = resolved.url.protocol === 'https:' ? https.Agent : http.Agent;
  const agent = new Agent({ keepAlive: true, maxSockets: resolved.concurrency, ...pinnedTlsOptions(options) });
  const halt: UploadContext['halt'] = { reason: null };
  let next = 0;
  // Cancelling, or a journal that cannot be written, stops new uploads; those in flight finish or abort.
  let stopped: unknown = null;
  const worker = async (): Promise<void> => {
    while (next < pending.length && stopped === null) {
      const item = pending[next++] as Pending;
      const context: UploadContext = {
        options: resolved,
        token: options.token,
        agent,
        signal: options.signal,
        halt,
        onFileBytes: (sent) => progress.sending(item.index, item.file.name, sent),
      };
      try {
        const result = await uploadFile(item.file, item.plan, context);
        if (result.status === 'sent') {
          await journal.record(item.file.name, {
            sha256: item.file.sha256,
            size: item.file.size,
            storedAt: new Date().toISOString(),
            serverAnswer: result.serverAnswer,
          });
        }
        results[item.index] = result;
        progress.finished(item.index);
      } catch (error) {
        stopped = error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(resolved.concurrency, pending.length) }, worker));
  } finally {
    agent.destroy();
  }
  if (stopped !== null) throw stopped;

  const files = results.map((result, index) => {
    if (result === null) throw new Error(`file ${index} of the shipment has no result`);
    return result;
  });
  return {
    channel: 'portal',
    destination: portalDestination(resolved.url),
    startedAt,
    finishedAt: new Date().toISOString(),
    files,
    complete: files.every((file) => file.status === 'sent' || file.status === 'already-there'),
  };
}
