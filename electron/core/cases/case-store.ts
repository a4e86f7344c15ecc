import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  caseNumberSchema,
  caseRecordSchema,
  caseTitleSchema,
  vendorIdSchema,
  type CaseProblem,
  type CaseRecord,
  type CaseSummary,
  type VendorId,
} from '../../shared/case-schemas';
import {
  downloadLinkInputSchema,
  shipReceiptSchema,
  type DownloadLinkInput,
  type ShipReceipt,
} from '../../shared/ship-schemas';
import { CasekitError } from '../../shared/error-codes';
import { errnoCode, errorMessage, ioError } from '../common/error-text';
import { DIR_MODE, readJsonDocument, writeJsonDocument } from '../common/json-document';
import { KeyedLock } from '../common/keyed-lock';
import { mapLimit } from '../common/map-limit';
import { parseField } from '../common/validate';
import {
  caseFileMissing,
  caseFromNewerVersion,
  caseIdMismatch,
  caseNotFoundError,
  corruptCaseFile,
  deleteRefusedError,
  unusableCaseError,
  type UnusableCase,
} from './case-errors';
import { assertCaseId, isCaseId, newCaseId } from './case-id';

export const CASE_SCHEMA_VERSION = 1;
const CASE_FILE = 'case.json';
const MAX_ID_ATTEMPTS = 5;
const READ_CONCURRENCY = 16;

export interface CaseStoreOptions {
  home: string;
  now?: () => Date;
  newId?: () => string;
}

export interface NewCase {
  title: string;
  caseNumber?: string | null;
  vendor?: VendorId;
}

type Inspection =
  { status: 'ok'; record: CaseRecord } | { status: 'unusable'; unusable: UnusableCase } | { status: 'not-found' };

/** Cases on disk: one folder per case, `<home>/cases/<id>/case.json`. */
export class CaseStore {
  readonly casesDir: string;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly lock = new KeyedLock();

  constructor(opts: CaseStoreOptions) {
    this.casesDir = path.join(path.resolve(opts.home), 'cases');
    this.now = opts.now ?? (() => new Date());
    this.newId = opts.newId ?? (() => newCaseId(this.now()));
  }

  folderOf(id: string): string {
    return path.join(this.casesDir, assertCaseId(id));
  }

  /** Every readable case, newest change first; one unreadable folder never hides the others. */
  async list(): Promise<{ cases: CaseSummary[]; problems: CaseProblem[] }> {
    const ids = await this.folderIds();
    const cases: CaseSummary[] = [];
    const problems: CaseProblem[] = [];
    const outcomes = await mapLimit(ids, READ_CONCURRENCY, async (id) => {
      try {
        return { id, inspection: await this.inspect(id) };
      } catch (err) {
        return { id, error: err };
      }
    });
    for (const outcome of outcomes) {
      const folder = path.join(this.casesDir, outcome.id);
      if ('error' in outcome) {
        const message = outcome.error instanceof CasekitError ? outcome.error.message : errorMessage(outcome.error);
        problems.push({ id: outcome.id, folder, code: 'IO_ERROR', message });
      } else if (outcome.inspection.status === 'ok') {
        cases.push(toSummary(outcome.inspection.record));
      } else if (outcome.inspection.status === 'unusable') {
        const error = unusableCaseError(outcome.inspection.unusable);
        problems.push({ id: outcome.id, folder, code: outcome.inspection.unusable.code, message: error.message });
      }
      // 'not-found': the folder went away between listing and reading it; nothing to show.
    }
    cases.sort((a, b) => (a.updatedAt === b.updatedAt ? a.id.localeCompare(b.id) : a.updatedAt < b.updatedAt ? 1 : -1));
    problems.sort((a, b) => a.id.localeCompare(b.id));
    return { cases, problems };
  }

  async create(input: NewCase): Promise<CaseRecord> {
    const title = parseField(caseTitleSchema, input.title, 'title');
    const caseNumber = parseField(caseNumberSchema.nullable(), input.caseNumber ?? null, 'caseNumber');
    const vendor = parseField(vendorIdSchema, input.vendor ?? 'zimbra', 'vendor');
    await this.ensureCasesDir();

    for (let attempt = 1; ; attempt++) {
      const id = this.freshId();
      const folder = this.folderOf(id);
      try {
        // Without `recursive`, mkdir fails if the folder exists: an existing case is never overwritten.
        await fs.mkdir(folder, { mode: DIR_MODE });
      } catch (err) {
        if (errnoCode(err) === 'EEXIST' && attempt < MAX_ID_ATTEMPTS) continue;
        throw ioError(`create the case folder ${folder}`, err);
      }
      const stamp = this.now().toISOString();
      const record: CaseRecord = { id, title, vendor, caseNumber, createdAt: stamp, updatedAt: stamp };
      try {
        await writeJsonDocument(path.join(folder, CASE_FILE), CASE_SCHEMA_VERSION, record);
      } catch (err) {
        // Leave no empty folder behind: it would show up as a broken case.
        await fs.rm(folder, { recursive: true, force: true }).catch(() => undefined);
        throw err;
      }
      return record;
    }
  }

  async get(id: string): Promise<CaseRecord> {
    return this.load(assertCaseId(id));
  }

  async rename(id: string, title: string): Promise<CaseRecord> {
    const clean = parseField(caseTitleSchema, title, 'title');
    return this.update(id, (record) => ({ ...record, title: clean }));
  }

  async setCaseNumber(id: string, caseNumber: string | null): Promise<CaseRecord> {
    const clean = parseField(caseNumberSchema.nullable(), caseNumber, 'caseNumber');
    return this.update(id, (record) => ({ ...record, caseNumber: clean }));
  }

  /** Appends a shipment's receipt to the case, so the case keeps what went where, when, with which checksums. */
  async recordShipment(id: string, receipt: ShipReceipt): Promise<CaseRecord> {
    const clean = parseField(shipReceiptSchema, receipt, 'receipt');
    return this.update(id, (record) => ({ ...record, shipments: [...(record.shipments ?? []), clean] }));
  }

  /** Records a link the user shared the bundle through elsewhere, as a shipment of channel `link`. */
  async recordDownloadLink(id: string, input: DownloadLinkInput): Promise<CaseRecord> {
    const { files, ...fields } = parseField(downloadLinkInputSchema, input, 'link');
    const recordedAt = this.now().toISOString();
    if (fields.expiresAt !== undefined && Date.parse(fields.expiresAt) <= Date.parse(recordedAt)) {
      throw new CasekitError(
        'INVALID_INPUT',
        `link.expiresAt: the link expired at ${fields.expiresAt}, before now. Share a new link and record that one.`,
      );
    }
    const receipt: ShipReceipt = {
      channel: 'link',
      destination: fields.url,
      startedAt: recordedAt,
      finishedAt: recordedAt,
      files: (files ?? []).map((file) => ({
        ...file,
        status: 'sent',
        attempts: 0,
        serverAnswer: null,
        error: null,
      })),
      complete: true,
      link: { ...fields, recordedAt },
    };
    return this.update(id, (record) => ({ ...record, shipments: [...(record.shipments ?? []), receipt] }));
  }

  /** Removes the case folder, but only after reading its case.json and finding this very id in it. */
  async delete(id: string): Promise<void> {
    const caseId = assertCaseId(id);
    const folder = this.folderOf(caseId);
    await this.lock.run(caseId, async () => {
      const inspection = await this.inspect(caseId);
      if (inspection.status === 'not-found') throw caseNotFoundError(caseId, this.casesDir);
      if (inspection.status === 'unusable') throw deleteRefusedError(folder, inspection.unusable);
      try {
        await fs.rm(folder, { recursive: true });
      } catch (err) {
        throw ioError(`delete the case folder ${folder}`, err, 'Close any program using files in it, then try again.');
      }
    });
  }

  /** Read, change, write under the case's lock; an unreadable case is refused before anything is written. */
  private async update(id: string, change: (record: CaseRecord) => CaseRecord): Promise<CaseRecord> {
    const caseId = assertCaseId(id);
    return this.lock.run(caseId, async () => {
      const current = await this.load(caseId);
      const next: CaseRecord = { ...change(current), id: caseId, updatedAt: this.now().toISOString() };
      await writeJsonDocument(path.join(this.folderOf(caseId), CASE_FILE), CASE_SCHEMA_VERSION, next);
      return next;
    });
  }

  private async load(id: string): Promise<CaseRecord> {
    const inspection = await this.inspect(id);
    if (inspection.status === 'ok') return inspection.record;
    if (inspection.status === 'unusable') throw unusableCaseError(inspection.unusable);
    throw caseNotFoundError(id, this.casesDir);
  }

  private async inspect(id: string): Promise<Inspection> {
    const folder = this.folderOf(id);
    const file = path.join(folder, CASE_FILE);
    const result = await readJsonDocument(file, {
      currentVersion: CASE_SCHEMA_VERSION,
      schema: caseRecordSchema,
      label: 'case file',
    });
    switch (result.status) {
      case 'ok':
        if (result.data.id !== id) return { status: 'unusable', unusable: caseIdMismatch(file, result.data.id, id) };
        return { status: 'ok', record: result.data };
      case 'corrupt':
        return { status: 'unusable', unusable: corruptCaseFile(result.message) };
      case 'newer':
        return { status: 'unusable', unusable: caseFromNewerVersion(file, result.version, CASE_SCHEMA_VERSION) };
      case 'missing':
        return (await isDirectory(folder))
          ? { status: 'unusable', unusable: caseFileMissing(folder) }
          : { status: 'not-found' };
    }
  }

  private async folderIds(): Promise<string[]> {
    let entries;
    try {
      entries = await fs.readdir(this.casesDir, { withFileTypes: true });
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return [];
      throw ioError(`list the cases in ${this.casesDir}`, err);
    }
    // Temp folders, stray files and anything not named like a case id cannot be a case: skip them.
    return entries
      .filter((entry) => (entry.isDirectory() || entry.isSymbolicLink()) && isCaseId(entry.name))
      .map((entry) => entry.name);
  }

  private freshId(): string {
    const id = this.newId();
    if (!isCaseId(id)) {
      throw new CasekitError(
        'INTERNAL',
        `The case id generator produced ${JSON.stringify(id)}, which is not a valid case id. ` +
          'This is a bug in Casekit; please report it.',
      );
    }
    return id;
  }

  private async ensureCasesDir(): Promise<void> {
    try {
      await fs.mkdir(this.casesDir, { recursive: true, mode: DIR_MODE });
    } catch (err) {
      throw ioError(`create the cases folder ${this.casesDir}`, err);
    }
  }
}

async function isDirectory(folder: string): Promise<boolean> {
  try {
    return (await fs.stat(folder)).isDirectory();
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw ioError(`look at the case folder ${folder}`, err);
  }
}

function toSummary(record: CaseRecord): CaseSummary {
  const { id, title, vendor, caseNumber, createdAt, updatedAt } = record;
  return { id, title, vendor, caseNumber, createdAt, updatedAt };
}
