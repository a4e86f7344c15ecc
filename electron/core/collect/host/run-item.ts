import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CollectItem } from '../../../shared/collect-schemas';
import { CasekitError } from '../../../shared/error-codes';
import type { ItemContext, ItemOutcome, ItemRunner } from '../collect-types';
import { runCommandItem } from './command-items';
import { DUMP_CONSENT_REASON } from './dump-items';
import { fileLocalPath, insideOutDir } from './local-paths';
import { consented, parseItemId } from './plan-items';
import { runZmdiaglogItem } from './zmdiaglog/zmdiaglog-item';

/** Copies one listed file to `<outDir>/<hostname>/<remote path>` through a resumed `.part`. */
async function fetchFileItem(item: CollectItem, context: ItemContext): Promise<ItemOutcome> {
  const { host } = context;
  if (item.remotePath === null)
    throw new CasekitError('INVALID_INPUT', `The item ${item.id} names no file on the server.`);
  if (item.needsConsent && !consented(context.options, item.id))
    throw new CasekitError('CONSENT_REQUIRED', DUMP_CONSENT_REASON);
  const relative = fileLocalPath(host.hostname, item.remotePath);
  const local = insideOutDir(context.outDir, relative);
  await fs.mkdir(path.dirname(local), { recursive: true });
  const copy = await host.fetch(item.remotePath, local, {
    signal: context.signal,
    onProgress: (progress) => context.onProgress({ bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal }),
  });
  return { localPath: relative.join('/'), size: copy.bytes, sha256: copy.sha256, exitCode: null };
}

/**
 * Does one entry of the plan: copies a file (log, crash file, consented dump),
 * runs a command and saves its output, or runs zmdiaglog and copies what it
 * made. Everything lands under `<outDir>/<hostname>/`.
 */
export const runItem: ItemRunner = async (item, context) => {
  if (item.host !== context.host.hostname)
    throw new CasekitError(
      'INVALID_INPUT',
      `The item ${item.id} belongs to ${item.host}, but the connected server calls itself ${context.host.hostname}. Check that the target still points at the same server.`,
    );
  switch (item.kind) {
    case 'log':
    case 'crash':
    case 'heap':
    case 'core':
      return fetchFileItem(item, context);
    case 'command': {
      const id = parseItemId(item.id)?.subject;
      const profile = context.profile.commands.find((entry) => entry.id === id);
      if (!profile)
        throw new CasekitError(
          'INVALID_INPUT',
          `The vendor profile has no command "${id ?? item.id}" any more, so ${item.id} cannot run. Plan the collection again.`,
        );
      return runCommandItem(profile, context);
    }
    case 'zmdiaglog':
      return runZmdiaglogItem(context);
  }
};
