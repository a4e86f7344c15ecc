import { z } from 'zod';
import { CasekitError } from '../../../shared/error-codes';
import { shipChannelInputSchema } from '../../../shared/ship-api-schemas';
import type { CaseStore } from '../../cases/case-store';
import { stopReasonError } from '../../jobs/job-errors';
import type { JobContext, JobRunner } from '../../jobs/job-types';
import type { PromptBroker } from '../../remote/servers/prompt-broker';
import type { CredentialStore, StoreAvailability } from '../../secrets/credential-store';
import type { ShipProgress, ShipReceipt } from '../ship-types';
import type { VendorProfile } from '../../vendor/index';
import { openChannel, type ChannelTuning, type ShipChannel, type TrustedCertificate } from './ship-channels';
import { askCertificate, noSecretGiven, secretSource } from './ship-secrets';

export const shipJobParamsSchema = z.object({
  caseId: z.string(),
  bundleDir: z.string(),
  caseNumber: z.string(),
  channel: shipChannelInputSchema,
});
export type ShipJobParams = z.infer<typeof shipJobParamsSchema>;

/** Kept across restarts: when the job began, and the certificate the user trusted, so neither is asked again. */
const checkpointSchema = z.object({
  startedAt: z.string(),
  trusted: z.object({ fingerprint: z.string(), pem: z.string() }).nullable(),
});

export interface ShipJobDeps {
  broker: PromptBroker;
  credentials: () => Promise<{ store: CredentialStore; availability: StoreAvailability }>;
  cases: CaseStore;
  /** A shipment was recorded in this case. */
  onRecorded: (caseId: string) => void;
  /** Read when a shipment starts, so a profile fixed on disk counts from the next one. */
  vendorProfile: () => Promise<VendorProfile>;
  tuning?: ChannelTuning;
}

const SHUTDOWN_MESSAGE = stopReasonError('shutdown').message;
const isShutdown = (signal: AbortSignal): boolean =>
  signal.aborted && signal.reason instanceof CasekitError && signal.reason.message === SHUTDOWN_MESSAGE;

/** Wrong passwords or tokens the user may type before the job gives up. */
const MAX_SECRET_ATTEMPTS = 3;

const arrivedOk = (receipt: ShipReceipt) =>
  receipt.files.some((file) => file.status === 'sent' || file.status === 'already-there');

/** The portal reports a refused token or certificate in the receipt; FTP throws. Both stop the run alike. */
function stopError(receipt: ShipReceipt): CasekitError | null {
  const stop = receipt.files.find(
    (file) => file.error?.code === 'AUTH_FAILED' || file.error?.code === 'TLS_CERT_UNTRUSTED',
  );
  if (stop?.error === undefined || stop.error === null) return null;
  return new CasekitError(stop.error.code === 'AUTH_FAILED' ? 'AUTH_FAILED' : 'TLS_CERT_UNTRUSTED', stop.error.message);
}

/** Files an earlier run of this job sent show as `already-there` in a later one: they were sent by this shipment. */
function merge(receipt: ShipReceipt, sentBefore: ReadonlySet<string>, startedAt: string): ShipReceipt {
  return {
    ...receipt,
    startedAt,
    files: receipt.files.map((file) =>
      file.status === 'already-there' && sentBefore.has(file.name) ? { ...file, status: 'sent' } : file,
    ),
  };
}

function incomplete(receipt: ShipReceipt): CasekitError {
  const missing = receipt.files.filter((file) => file.status !== 'sent' && file.status !== 'already-there');
  const first = missing.find((file) => file.error !== null)?.error ?? undefined;
  const code = first?.code === 'PART_TOO_LARGE' || first?.code === 'UPLOAD_REJECTED' ? first.code : 'UPLOAD_FAILED';
  return new CasekitError(
    code,
    `${missing.length} of ${receipt.files.length} files did not arrive (${missing.map((file) => file.name).join(', ')})` +
      `${first === undefined ? '' : `: ${first.message}`}. The receipt is in the case; ship again to send the rest (what arrived is skipped).`,
  );
}

/**
 * The `ship` job: sends a bundle folder by FTP or to the portal, asking for
 * the password or token (and about an untrusted certificate) through the
 * prompt broker, and records the receipt in the case when it ends, also after
 * a failure or a cancel once something arrived. Resumed after a restart from
 * its checkpoint; the channels skip what the server already holds.
 */
export function shipJobRunner(deps: ShipJobDeps): JobRunner {
  return async (ctx: JobContext) => {
    const params = shipJobParamsSchema.parse(ctx.params);
    const saved = checkpointSchema.safeParse(ctx.checkpoint);
    const state = {
      startedAt: saved.success ? saved.data.startedAt : new Date().toISOString(),
      trusted: saved.success ? saved.data.trusted : (null as TrustedCertificate | null),
    };
    await ctx.saveCheckpoint(state);
    const { ship } = await deps.vendorProfile();
    const channel = openChannel(params.channel, params.bundleDir, params.caseNumber, deps.tuning ?? {}, ship.portal);
    let last: ShipProgress | null = null;
    let current: string | null = null;
    const onProgress = (progress: ShipProgress) => {
      last = progress;
      // Between two files the channels say null; the UI keeps showing the last part until the next one starts.
      current = progress.file ?? (progress.filesDone < progress.filesTotal ? current : null);
      ctx.progress({
        bytesDone: progress.bytesDone,
        bytesTotal: progress.bytesTotal,
        itemsDone: progress.filesDone,
        itemsTotal: progress.filesTotal,
        current,
      });
    };
    const record = async (receipt: ShipReceipt) => {
      await deps.cases.recordShipment(params.caseId, receipt);
      deps.onRecorded(params.caseId);
    };

    let receipt: ShipReceipt;
    try {
      receipt = await runChannel(ctx, deps, channel, state, onProgress);
    } catch (error) {
      // Stopped by a shutdown, the job resumes on the next start and records its receipt then.
      if (isShutdown(ctx.signal)) throw error;
      const arrived = await channel.arrived(state.startedAt, last).catch(() => null);
      if (arrived !== null) {
        await record({
          channel: params.channel.kind,
          destination: channel.subject,
          startedAt: state.startedAt,
          finishedAt: new Date().toISOString(),
          files: arrived,
          complete: arrived.every((file) => file.status === 'sent' || file.status === 'already-there'),
        });
      }
      throw error;
    }
    await record(receipt);
    if (!receipt.complete) throw incomplete(receipt);
  };
}

async function runChannel(
  ctx: JobContext,
  deps: ShipJobDeps,
  channel: ShipChannel,
  state: { startedAt: string; trusted: TrustedCertificate | null },
  onProgress: (progress: ShipProgress) => void,
): Promise<ShipReceipt> {
  const { store, availability } = await deps.credentials();
  const secrets = secretSource({
    broker: deps.broker,
    store,
    canRemember: availability.available,
    ref: channel.ref,
    purpose: channel.purpose,
    subject: channel.subject,
    signal: ctx.signal,
  });
  const sentBefore = new Set<string>();
  let attempt = 1;
  let secret = channel.needsSecret ? await secrets.get(attempt) : null;
  for (;;) {
    if (channel.needsSecret && secret === null) throw noSecretGiven(channel.purpose, channel.subject);
    let stop: CasekitError | null;
    let receipt: ShipReceipt | null = null;
    try {
      receipt = await channel.send({ secret, trusted: state.trusted, signal: ctx.signal, onProgress });
      stop = stopError(receipt);
    } catch (error) {
      if (!(error instanceof CasekitError)) throw error;
      stop = error;
    }
    if (receipt !== null) {
      for (const file of receipt.files) if (file.status === 'sent') sentBefore.add(file.name);
    }
    if (stop === null && receipt !== null) {
      if (arrivedOk(receipt)) {
        const problem = await secrets.accepted();
        if (problem !== null) console.warn(`[casekit] ${problem}`);
      }
      // A run before a restart sent these too (the portal's journal knows when).
      const earlier = await channel.arrived(state.startedAt, null).catch(() => null);
      for (const file of earlier ?? []) if (file.status === 'sent') sentBefore.add(file.name);
      return merge(receipt, sentBefore, state.startedAt);
    }
    if (stop === null || ctx.signal.aborted) throw stop ?? new CasekitError('CANCELLED', 'The shipment was cancelled.');
    if (stop.code === 'TLS_CERT_UNTRUSTED' && state.trusted === null) {
      const seen = await channel.probe();
      if (!(await askCertificate(deps.broker, channel.subject, seen, ctx.signal))) throw stop;
      state.trusted = { fingerprint: seen.fingerprint, pem: seen.pem };
      await ctx.saveCheckpoint(state);
      continue;
    }
    if (stop.code === 'AUTH_FAILED' && channel.needsSecret && attempt < MAX_SECRET_ATTEMPTS) {
      attempt += 1;
      secret = await secrets.get(attempt);
      continue;
    }
    throw stop;
  }
}
