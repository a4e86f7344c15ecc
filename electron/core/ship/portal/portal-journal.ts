import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { readJsonDocument, writeJsonDocument } from '../../common/json-document';
import { CasekitError } from '../../../shared/error-codes';

/**
 * What already reached the portal for one URL and case, kept next to the parts
 * so a re-run or a restart after a crash sends only the rest. A file counts as
 * stored only with the same sha256: a part packed again is sent again. It holds
 * no token: only names, checksums and what the server said.
 */
const JOURNAL_VERSION = 1;

const storedSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  storedAt: z.string(),
  serverAnswer: z.string().nullable(),
});
export type StoredEntry = z.infer<typeof storedSchema>;

const journalSchema = z.object({
  url: z.string(),
  caseNumber: z.string(),
  stored: z.record(z.string(), storedSchema),
});
type JournalData = z.infer<typeof journalSchema>;

/** The URL as journalled and keyed: no query or fragment, which could carry one-off tokens. */
export function portalDestination(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

export function journalPath(bundleDir: string, url: URL, caseNumber: string): string {
  const key = createHash('sha256')
    .update(`${portalDestination(url)}\n${caseNumber}`)
    .digest('hex')
    .slice(0, 16);
  return path.join(bundleDir, `.casekit-portal-${key}.json`);
}

export class PortalJournal {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly data: JournalData,
  ) {}

  static async open(bundleDir: string, url: URL, caseNumber: string): Promise<PortalJournal> {
    const file = journalPath(bundleDir, url, caseNumber);
    const result = await readJsonDocument(file, {
      currentVersion: JOURNAL_VERSION,
      schema: journalSchema,
      label: 'portal journal',
    });
    const fresh: JournalData = { url: portalDestination(url), caseNumber, stored: {} };
    if (result.status === 'missing') return new PortalJournal(file, fresh);
    if (result.status === 'newer') {
      throw new CasekitError(
        'BUNDLE_INVALID',
        `The portal journal ${file} was written by a newer Casekit (format ${result.version}). Ship with that version, or delete the file to send every part again.`,
      );
    }
    if (result.status === 'corrupt') {
      throw new CasekitError(
        'BUNDLE_INVALID',
        `${result.message} Delete it to send every part again (the portal may then hold some parts twice).`,
      );
    }
    // A hash collision of the name would mix two shipments: trust the file only for its own URL and case.
    const same = result.data.url === fresh.url && result.data.caseNumber === caseNumber;
    return new PortalJournal(file, same ? result.data : fresh);
  }

  /** True when the portal already holds exactly these bytes under this name. */
  isStored(name: string, sha256: string): boolean {
    return this.data.stored[name]?.sha256 === sha256;
  }

  entry(name: string): StoredEntry | undefined {
    return this.data.stored[name];
  }

  /** Records a stored file; writes are queued so parallel uploads never lose each other's entries. */
  record(name: string, entry: StoredEntry): Promise<void> {
    this.data.stored[name] = entry;
    const snapshot = structuredClone(this.data);
    // A failed write is reported to its caller; the next one still runs.
    this.writing = this.writing
      .catch(() => undefined)
      .then(() => writeJsonDocument(this.file, JOURNAL_VERSION, snapshot));
    return this.writing;
  }
}
