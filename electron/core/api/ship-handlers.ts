import path from 'node:path';
import { caseShipments } from '../../shared/case-schemas';
import { CasekitError } from '../../shared/error-codes';
import { verifyBundle } from '../bundle/index';
import { bundleFileName } from '../bundle/bundle-names';
import { walkSource } from '../bundle/source-files';
import type { CaseStore } from '../cases/case-store';
import type { JobManager } from '../jobs/job-manager';
import { defaultMapFile } from '../redact/index';
import { writeEmailMessages } from '../ship/email/index';
import { bundlesDirOf, freshBundleDir, listCaseBundles, resolveBundleDir } from '../ship/jobs/case-bundles';
import type { PackJobParams } from '../ship/jobs/pack-job';
import { openChannel } from '../ship/jobs/ship-channels';
import type { ShipJobParams } from '../ship/jobs/ship-job';
import { receiptText } from '../ship/receipt-text';
import type { VendorProfile } from '../vendor/index';
import type { Handlers } from './dispatch';
import type { EventBus } from './event-bus';

export interface ShipHandlerDeps {
  cases: CaseStore;
  jobs: JobManager;
  events: EventBus;
  home: string;
  /** The vendor's shipping defaults: the portal's fields and limits, the mail limit. */
  vendorProfile: () => Promise<VendorProfile>;
  now?: () => Date;
}

export type ShipHandlers = Pick<
  Handlers,
  | 'scanBundleSource'
  | 'startPack'
  | 'listBundles'
  | 'verifyBundle'
  | 'startShip'
  | 'writeEmailBundle'
  | 'recordDownloadLink'
  | 'listShipments'
  | 'getReceiptText'
>;

/** Packing, shipping and the case's shipments; long work runs as `pack` and `ship` jobs. */
export function createShipHandlers(deps: ShipHandlerDeps): ShipHandlers {
  const { cases, jobs, events, home, vendorProfile } = deps;
  const now = deps.now ?? (() => new Date());
  const casesChanged = (caseId: string): void => events.emit({ event: 'casesChanged', payload: { caseId } });
  const bundlesOf = (caseId: string) => bundlesDirOf(cases.folderOf(caseId));
  /** The case must exist (NOT_FOUND otherwise) and, to pack or ship, have its number. */
  const caseNumberOf = async (caseId: string, doing: string): Promise<string> => {
    const record = await cases.get(caseId);
    if (record.caseNumber === null) {
      throw new CasekitError(
        'INVALID_INPUT',
        `The case "${record.title}" has no case number yet, and ${doing} needs it (the vendor files everything under it). Set the case number, then try again.`,
      );
    }
    return record.caseNumber;
  };

  return {
    scanBundleSource: async ({ caseId, sourceDir }) => {
      await cases.get(caseId);
      const tree = await walkSource(path.resolve(sourceDir));
      return {
        files: tree.files.length,
        bytes: tree.bytes,
        binaries: tree.files
          .filter((file) => file.kind === 'binary')
          .map((file) => ({ path: file.rel, size: file.size })),
      };
    },
    startPack: async ({ caseId, sourceDir, format, partSize, consentedBinaries }) => {
      const caseNumber = await caseNumberOf(caseId, 'packing');
      const when = now();
      const outDir = await freshBundleDir(bundlesOf(caseId), bundleFileName(caseNumber, when, format));
      const params: PackJobParams = {
        caseId,
        sourceDir: path.resolve(sourceDir),
        outDir,
        caseNumber,
        format,
        partSize,
        consentedBinaries,
        mapFile: defaultMapFile(home),
        now: when.toISOString(),
      };
      const job = await jobs.start('pack', { caseId, params });
      return { jobId: job.id };
    },
    listBundles: async ({ caseId }) => {
      await cases.get(caseId);
      return { bundles: await listCaseBundles(bundlesOf(caseId)) };
    },
    verifyBundle: async ({ caseId, bundleDir }) => {
      await cases.get(caseId);
      const result = await verifyBundle(await resolveBundleDir(bundlesOf(caseId), bundleDir));
      return { ok: result.ok, problems: result.problems.map(({ name, message }) => ({ file: name, message })) };
    },
    startShip: async ({ caseId, bundleDir, channel }) => {
      const caseNumber = await caseNumberOf(caseId, 'shipping');
      const dir = await resolveBundleDir(bundlesOf(caseId), bundleDir);
      // Checked before the job is journalled: a password in the address would be written to disk with it.
      if (URL.canParse(channel.url) && new URL(channel.url).password !== '') {
        throw new CasekitError(
          'INVALID_INPUT',
          'The address contains a password. Remove it from the address: Casekit asks for the password when it connects, and can keep it in the keychain.',
        );
      }
      // Also reads the vendor profile, so a broken one is reported now rather than by the job.
      openChannel(channel, dir, caseNumber, {}, (await vendorProfile()).ship.portal);
      const params: ShipJobParams = { caseId, bundleDir: dir, caseNumber, channel };
      const job = await jobs.start('ship', { caseId, params });
      return { jobId: job.id };
    },
    writeEmailBundle: async ({ caseId, bundleDir, to, from, limit }) => {
      const caseNumber = await caseNumberOf(caseId, 'writing the e-mail messages');
      const dir = await resolveBundleDir(bundlesOf(caseId), bundleDir);
      const name = path.basename(dir);
      const outFile = path.join(path.dirname(dir), `${name}-mail`, `${name}.eml`);
      const written = await writeEmailMessages({
        bundleDir: dir,
        to,
        ...(from === undefined ? {} : { from }),
        limit: limit ?? (await vendorProfile()).ship.email.limit,
        caseNumber,
        outFile,
      });
      await cases.recordShipment(caseId, written.receipt);
      casesChanged(caseId);
      return { messages: written.messages, receipt: written.receipt };
    },
    recordDownloadLink: async ({ caseId, link }) => {
      const record = await cases.recordDownloadLink(caseId, link);
      casesChanged(caseId);
      return record;
    },
    listShipments: async ({ caseId }) => ({ shipments: caseShipments(await cases.get(caseId)) }),
    getReceiptText: async ({ caseId, index }) => {
      const record = await cases.get(caseId);
      const shipment = caseShipments(record)[index];
      if (shipment === undefined) {
        throw new CasekitError(
          'NOT_FOUND',
          `The case has ${caseShipments(record).length} shipment(s); there is none at position ${index}. Refresh the list of shipments.`,
        );
      }
      return { text: receiptText(shipment, { caseNumber: record.caseNumber ?? '(no case number)' }) };
    },
  };
}
