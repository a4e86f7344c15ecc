import path from 'node:path';
import { CasekitError } from '../../shared/error-codes';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/settings-schemas';
import { readJsonDocument, writeJsonDocument } from '../common/json-document';
import { KeyedLock } from '../common/keyed-lock';
import { parseField } from '../common/validate';

export const SETTINGS_SCHEMA_VERSION = 1;
const SETTINGS_FILE = 'settings.json';

export interface SettingsStoreOptions {
  home: string;
}

/** `<home>/settings.json`. A missing file means defaults; an unreadable one is reported, never replaced. */
export class SettingsStore {
  readonly file: string;
  private readonly lock = new KeyedLock();

  constructor(opts: SettingsStoreOptions) {
    this.file = path.join(path.resolve(opts.home), SETTINGS_FILE);
  }

  async get(): Promise<Settings> {
    const result = await readJsonDocument(this.file, {
      currentVersion: SETTINGS_SCHEMA_VERSION,
      schema: settingsSchema,
      label: 'settings file',
    });
    switch (result.status) {
      case 'ok':
        return result.data;
      case 'missing':
        return { ...DEFAULT_SETTINGS };
      case 'corrupt':
        throw settingsCorrupt(result.message);
      case 'newer':
        throw settingsCorrupt(
          `The settings file ${this.file} was written by a newer Casekit (format version ${result.version}; ` +
            `this Casekit understands version ${SETTINGS_SCHEMA_VERSION}).`,
          'update Casekit, or delete the file to go back to default settings',
        );
    }
  }

  /** Applies `patch` on top of the stored settings; `get` throwing first guarantees a bad file is not overwritten. */
  async update(patch: Partial<Settings>): Promise<Settings> {
    return this.lock.run(this.file, async () => {
      // A key present with the value undefined means "not given", as it would after a JSON round trip.
      const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const next = parseField(settingsSchema, { ...(await this.get()), ...given }, 'settings');
      await writeJsonDocument(this.file, SETTINGS_SCHEMA_VERSION, next);
      return next;
    });
  }
}

function settingsCorrupt(
  reason: string,
  fix = 'fix it by hand, or delete it to go back to default settings',
): CasekitError {
  return new CasekitError('SETTINGS_CORRUPT', `${reason} Casekit left it untouched: ${fix}, then try again.`);
}
