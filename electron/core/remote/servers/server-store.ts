import path from 'node:path';
import { z } from 'zod';
import { CasekitError } from '../../../shared/error-codes';
import {
  serverIdSchema,
  serverInputSchema,
  serverRecordSchema,
  type ServerInput,
  type ServerRecord,
  type ServerScope,
} from '../../../shared/server-schemas';
import type { CaseStore } from '../../cases/case-store';
import { assertCaseId } from '../../cases/case-id';
import { readJsonDocument, writeJsonDocument } from '../../common/json-document';
import { KeyedLock } from '../../common/keyed-lock';
import { randomBase32 } from '../../common/random-id';
import { parseField } from '../../common/validate';

export const SERVERS_SCHEMA_VERSION = 1;
const SERVERS_FILE = 'servers.json';

const serversDocumentSchema = z.object({ servers: z.array(serverRecordSchema) });

export interface ServerStoreOptions {
  home: string;
  /** Case scopes are checked against it: a server list never outlives (or recreates) its case. */
  cases: CaseStore;
  now?: () => Date;
  newId?: () => string;
}

/** `s-` and 12 random base32 characters (60 bits): unique within any list a person keeps. */
export function newServerId(): string {
  return `s-${randomBase32(12)}`;
}

/**
 * Servers the user saved: a global list in `<home>/servers.json` shared by all
 * cases, and each case's own in `<home>/cases/<id>/servers.json`. Only
 * connection settings live here; passwords go to the OS keychain, if anywhere.
 */
export class ServerStore {
  private readonly home: string;
  private readonly cases: CaseStore;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly lock = new KeyedLock();

  constructor(opts: ServerStoreOptions) {
    this.home = path.resolve(opts.home);
    this.cases = opts.cases;
    this.now = opts.now ?? (() => new Date());
    this.newId = opts.newId ?? newServerId;
  }

  async list(scope: ServerScope): Promise<ServerRecord[]> {
    return this.read(await this.fileOf(scope));
  }

  async get(scope: ServerScope, id: string): Promise<ServerRecord> {
    const serverId = parseField(serverIdSchema, id, 'id');
    const found = (await this.list(scope)).find((server) => server.id === serverId);
    if (found === undefined) throw serverNotFound(serverId, scope);
    return found;
  }

  /** Adds a server (id null) or replaces the one with that id, keeping its place in the list and its createdAt. */
  async save(scope: ServerScope, id: string | null, input: ServerInput): Promise<ServerRecord> {
    const server = parseField(serverInputSchema, input, 'server');
    const serverId = id === null ? null : parseField(serverIdSchema, id, 'id');
    return this.change(scope, (servers) => {
      const stamp = this.now().toISOString();
      if (serverId === null) {
        const record: ServerRecord = { ...server, id: this.freshId(servers), createdAt: stamp, updatedAt: stamp };
        return { servers: [...servers, record], result: record };
      }
      const index = servers.findIndex((s) => s.id === serverId);
      const current = servers[index];
      if (current === undefined) throw serverNotFound(serverId, scope);
      const record: ServerRecord = { ...server, id: serverId, createdAt: current.createdAt, updatedAt: stamp };
      return { servers: servers.with(index, record), result: record };
    });
  }

  async delete(scope: ServerScope, id: string): Promise<void> {
    const serverId = parseField(serverIdSchema, id, 'id');
    await this.change(scope, (servers) => {
      if (!servers.some((s) => s.id === serverId)) throw serverNotFound(serverId, scope);
      return { servers: servers.filter((s) => s.id !== serverId), result: undefined };
    });
  }

  /** Read, change, write under the file's lock; an unreadable file is refused before anything is written. */
  private async change<T>(
    scope: ServerScope,
    edit: (servers: ServerRecord[]) => { servers: ServerRecord[]; result: T },
  ): Promise<T> {
    const file = await this.fileOf(scope);
    return this.lock.run(file, async () => {
      const { servers, result } = edit(await this.read(file));
      // Checked again right before writing: writing would otherwise recreate a case folder deleted meanwhile.
      await this.fileOf(scope);
      await writeJsonDocument(file, SERVERS_SCHEMA_VERSION, { servers });
      return result;
    });
  }

  private async read(file: string): Promise<ServerRecord[]> {
    const result = await readJsonDocument(file, {
      currentVersion: SERVERS_SCHEMA_VERSION,
      schema: serversDocumentSchema,
      label: 'server list',
    });
    switch (result.status) {
      case 'ok':
        return result.data.servers;
      case 'missing':
        return [];
      case 'corrupt':
        throw unreadableList(
          `${result.message} Casekit left it untouched: fix it by hand or restore it from a backup.`,
        );
      case 'newer':
        throw unreadableList(
          `The server list ${file} was written by a newer Casekit (format version ${result.version}; ` +
            `this Casekit understands version ${SERVERS_SCHEMA_VERSION}). Casekit left it untouched: update Casekit.`,
        );
    }
  }

  /** Where a scope's list lives; a case scope must name a case that exists (NOT_FOUND otherwise). */
  private async fileOf(scope: ServerScope): Promise<string> {
    if (scope.kind === 'global') return path.join(this.home, SERVERS_FILE);
    const caseId = assertCaseId(scope.caseId);
    await this.cases.get(caseId);
    return path.join(this.cases.folderOf(caseId), SERVERS_FILE);
  }

  private freshId(servers: readonly ServerRecord[]): string {
    const id = this.newId();
    if (!serverIdSchema.safeParse(id).success || servers.some((s) => s.id === id)) {
      throw new CasekitError(
        'INTERNAL',
        `The server id generator produced ${JSON.stringify(id)}, which is not a new valid server id. ` +
          'This is a bug in Casekit; please report it.',
      );
    }
    return id;
  }
}

export function describeScope(scope: ServerScope): string {
  return scope.kind === 'global' ? 'the saved servers' : `the servers of case ${scope.caseId}`;
}

function serverNotFound(id: string, scope: ServerScope): CasekitError {
  return new CasekitError(
    'NOT_FOUND',
    `There is no server with id ${id} in ${describeScope(scope)}. ` +
      'It may have been deleted in another window; refresh the server list.',
  );
}

// Not retryable: trying again reads the same bytes. There is no dedicated code, and the file is one of ours on disk.
function unreadableList(message: string): CasekitError {
  return new CasekitError('IO_ERROR', message, { retryable: false });
}
