import { statSync } from 'node:fs';
import { openCredentialStore } from '../../core/secrets/keychain-store';
import { checkCaseNumber, readPortalToken, shipPortal } from '../../core/ship/portal/index';
import type { ShipReceipt } from '../../core/ship/ship-types';
import { CasekitError } from '../../shared/error-codes';
import { CliExit, EXIT } from '../exit-codes';
import { askHiddenLine } from './ask-hidden-line';
import { cliVendorProfile } from './cli-vendor-profile';
import { shipWithProgress } from './ship-progress-printer';

export interface ShipPortalFlags {
  url: string;
  case: string;
  tokenEnv?: string;
  limit?: number;
  concurrency?: number;
  vendor: string;
  json?: boolean;
}

/** Errors that mean the input was wrong, found before any request went out. */
const INPUT_ERRORS = new Set(['INVALID_INPUT', 'BUNDLE_INVALID', 'PART_TOO_LARGE']);

/** The token: a named environment variable, else the keychain, else the terminal; never an argument value. */
async function resolveToken(url: string, envName: string | undefined): Promise<string> {
  if (envName !== undefined) {
    const value = process.env[envName]?.trim();
    if (value === undefined || value === '') {
      throw new CliExit(
        EXIT.USAGE,
        `--token-env ${envName}: that environment variable is not set or is empty. Put the portal token in it (read -rs ${envName}; export ${envName}).`,
      );
    }
    return value;
  }
  const { store } = await openCredentialStore();
  const saved = await readPortalToken(store, url);
  if (saved !== null) {
    console.error(`casekit ship portal: using the token saved in the OS keychain for ${url}`);
    return saved;
  }
  if (process.stdin.isTTY === true && process.stderr.isTTY === true) {
    const typed = (
      await askHiddenLine(`Portal token for ${url}: `).catch((error: unknown) => {
        throw new CliExit(EXIT.FAILED, (error as Error).message);
      })
    ).trim();
    if (typed !== '') return typed;
  }
  throw new CliExit(
    EXIT.USAGE,
    'No portal token: none is saved in the OS keychain for this URL and there is no terminal to ask on. Pass --token-env VAR with the token in that environment variable.',
  );
}

function summarize(receipt: ShipReceipt): void {
  const ok = receipt.files.filter((file) => file.status === 'sent' || file.status === 'already-there');
  const skipped = receipt.files.filter((file) => file.status === 'already-there').length;
  console.error(
    `Shipped ${ok.length} of ${receipt.files.length} files to ${receipt.destination}${skipped > 0 ? ` (${skipped} already there from an earlier run)` : ''}.`,
  );
  for (const file of receipt.files) {
    if (file.error !== null) console.error(`  ${file.name}: ${file.status}: ${file.error.message}`);
  }
}

/** `casekit ship portal`: loaded only when the command runs (ship-portal-command.ts defines its flags). */
export async function shipPortalAction(outdir: string, flags: ShipPortalFlags): Promise<void> {
  try {
    checkCaseNumber(flags.case);
  } catch (error) {
    throw new CliExit(EXIT.USAGE, (error as Error).message);
  }
  if (statSync(outdir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new CliExit(EXIT.USAGE, `${outdir} is not a folder: give the OUTDIR of casekit pack.`);
  }
  const { portal } = (await cliVendorProfile(flags.vendor)).ship;
  const token = await resolveToken(flags.url, flags.tokenEnv);
  const receipt: ShipReceipt = await shipWithProgress('uploading', (signal, onProgress) =>
    shipPortal({
      bundleDir: outdir,
      url: flags.url,
      caseNumber: flags.case,
      token,
      fields: portal.fields,
      limit: flags.limit ?? portal.limit,
      concurrency: flags.concurrency ?? portal.concurrency,
      signal,
      onProgress,
    }),
  ).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof CasekitError && INPUT_ERRORS.has(error.code)) throw new CliExit(EXIT.USAGE, message);
    throw new CliExit(EXIT.FAILED, message);
  });
  summarize(receipt);
  if (flags.json) console.log(JSON.stringify(receipt));
  if (receipt.complete) return;
  const untrusted = receipt.files.find((file) => file.error?.code === 'TLS_CERT_UNTRUSTED');
  if (untrusted?.error !== undefined && untrusted.error !== null && untrusted.attempts > 0) {
    throw new CliExit(
      EXIT.REFUSED,
      `${untrusted.error.message} Nothing was sent to it. Check that the URL is the vendor's portal; behind a proxy that inspects TLS, give Node its CA in NODE_EXTRA_CA_CERTS.`,
    );
  }
  const stored = receipt.files.some((file) => file.status === 'sent' || file.status === 'already-there');
  const failed = receipt.files.filter((file) => file.error !== null).length;
  if (!stored) throw new CliExit(EXIT.FAILED, 'nothing was stored on the portal.');
  throw new CliExit(
    EXIT.PARTIAL,
    `${failed} file(s) were not stored; the rest is on the portal. Run the same command again to send only what is missing.`,
  );
}
