import type { CasekitApi, EventName, EventPayload } from '../../../electron/shared/api-contract';
import type { CaseRecord } from '../../../electron/shared/case-schemas';
import { fail, ok } from '../../../electron/shared/result';
import type { BundleInfo, shipCalls } from '../../../electron/shared/ship-api-schemas';
import type { ShipReceipt } from '../../../electron/shared/ship-schemas';

type ShipCallName = keyof typeof shipCalls;

export type FakeShipCalls = { -readonly [K in ShipCallName]: CasekitApi[K] };

/** What the Ship step's calls answer; tests change it or spy on the calls. */
export type FakeShipState = {
  scan?: { files: number; bytes: number; binaries: { path: string; size: number }[] };
  /** Keyed by case id. */
  bundles?: Record<string, BundleInfo[]>;
  shipments?: Record<string, ShipReceipt[]>;
};

const SHA = 'a'.repeat(64);

export function bundleInfo(overrides: Partial<BundleInfo> = {}): BundleInfo {
  const name = overrides.bundleName ?? 'case-00012345-20250305T100000Z.tar.gz';
  return {
    dir: `/home/u/.config/Casekit/cases/case-000001/bundles/${name}`,
    bundleName: name,
    format: 'tar.gz',
    parts: [
      { name: `${name}.part001`, size: 9_961_472, sha256: '1'.repeat(64) },
      { name: `${name}.part002`, size: 1_234_567, sha256: '2'.repeat(64) },
    ],
    bundleSize: 11_196_039,
    bundleSha256: SHA,
    createdAt: '2025-03-05T10:00:00.000Z',
    ...overrides,
  };
}

export function shipReceipt(overrides: Partial<ShipReceipt> = {}): ShipReceipt {
  return {
    channel: 'portal',
    destination: 'https://support.example.com/upload',
    startedAt: '2025-03-05T10:05:00.000Z',
    finishedAt: '2025-03-05T10:06:00.000Z',
    files: [
      {
        name: 'case-00012345-20250305T100000Z.tar.gz.part001',
        size: 9_961_472,
        sha256: '1'.repeat(64),
        status: 'sent',
        attempts: 1,
        serverAnswer: '201 Created',
        error: null,
      },
      {
        name: 'SHA256SUMS',
        size: 220,
        sha256: null,
        status: 'sent',
        attempts: 1,
        serverAnswer: null,
        error: null,
      },
    ],
    complete: true,
    ...overrides,
  };
}

/**
 * The Ship step on the fake back end. Jobs only start: a test drives them with
 * `emit('jobProgress' | 'jobChanged', …)` as the real job manager would.
 */
export function createFakeShipApi(
  state: FakeShipState,
  cases: Map<string, CaseRecord>,
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void,
): FakeShipCalls {
  const bundles = state.bundles ?? {};
  const shipments = state.shipments ?? {};
  let nextJob = 1;
  const jobId = (): string => `job-fake-${String(nextJob++).padStart(6, '0')}`;
  const receiptsOf = (caseId: string): ShipReceipt[] => (shipments[caseId] ??= []);

  return {
    scanBundleSource: async () => ok(state.scan ?? { files: 3, bytes: 52_000, binaries: [] }),
    startPack: async () => ok({ jobId: jobId() }),
    listBundles: async ({ caseId }) => ok({ bundles: bundles[caseId] ?? [] }),
    verifyBundle: async () => ok({ ok: true, problems: [] }),
    startShip: async () => ok({ jobId: jobId() }),
    writeEmailBundle: async ({ caseId, to }) => {
      const messages = [
        { path: '/tmp/bundle-mail/case-00012345.eml', size: 9_000_000, attachments: ['b.part001'] },
        { path: '/tmp/bundle-mail/case-00012345-2.eml', size: 2_000_000, attachments: ['b.part002', 'SHA256SUMS'] },
      ];
      const receipt = shipReceipt({
        channel: 'email',
        destination: `mailto:${to}`,
        written: messages.map((message) => message.path),
      });
      receiptsOf(caseId).push(receipt);
      emit('casesChanged', { caseId });
      return ok({ messages, receipt });
    },
    recordDownloadLink: async ({ caseId, link }) => {
      const record = cases.get(caseId);
      if (record === undefined) return fail('NOT_FOUND', `No case ${caseId}.`);
      const recordedAt = '2025-03-05T11:00:00.000Z';
      const { files: _files, ...rest } = link;
      receiptsOf(caseId).push(
        shipReceipt({
          channel: 'link',
          destination: link.url,
          startedAt: recordedAt,
          finishedAt: recordedAt,
          files: [],
          link: { ...rest, url: link.url, recordedAt },
        }),
      );
      emit('casesChanged', { caseId });
      return ok(record);
    },
    listShipments: async ({ caseId }) => ok({ shipments: [...receiptsOf(caseId)] }),
    getReceiptText: async ({ caseId, index }) => {
      const receipt = receiptsOf(caseId)[index];
      return receipt === undefined
        ? fail('NOT_FOUND', `No shipment ${index}.`)
        : ok({ text: `Case 00012345: ${receipt.files.length} file(s) to ${receipt.destination}.` });
    },
  };
}
