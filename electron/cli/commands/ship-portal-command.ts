import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { statSync } from 'node:fs';
import { openCredentialStore } from '../../core/secrets/keychain-store';
import { checkCaseNumber, PORTAL_DEFAULTS, readPortalToken, shipPortal } from '../../core/ship/portal/index';
import type { ShipReceipt } from '../../core/ship/ship-types';
import { DEFAULT_VENDOR_ID } from '../../core/vendor/index';
import { BYTE_SIZE_HELP, parseByteSize } from '../../shared/byte-size';
import { CasekitError } from '../../shared/error-codes';
import { CliExit, EXIT } from '../exit-codes';
import { askHiddenLine } from './ask-hidden-line';
import { cliVendorProfile } from './cli-vendor-profile';
import { shipWithProgress } from './ship-progress-printer';

interface ShipPortalFlags {
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

function parseLimit(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === null) throw new InvalidArgumentError(`'${value}' is not a size: use ${BYTE_SIZE_HELP}.`);
  return bytes;
}

function parseConcurrency(value: string): number {
  if (!/^\d$/.test(value) || Number(value) < 1 || Number(value) > PORTAL_DEFAULTS.maxConcurrency) {
    throw new InvalidArgumentError(`'${value}' uploads at once: use 1 to ${PORTAL_DEFAULTS.maxConcurrency}.`);
  }
  return Number(value);
}

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

export function registerShipPortalCommand(ship: Command): void {
  ship
    .command('portal')
    .argument('<outdir>', 'the bundle folder made by casekit pack')
    .description("upload a bundle folder to the vendor's support portal, one multipart POST per file")
    .requiredOption('--url <url>', 'the portal upload address (https; http only to this machine)')
    .requiredOption('--case <number>', 'the case number, exactly 8 digits')
    .option('--token-env <var>', 'the environment variable holding the portal token (default: keychain, then ask)')
    .option(
      '--limit <size>',
      `the largest request the portal takes (default: the vendor profile's, 10MB for zimbra): ${BYTE_SIZE_HELP}`,
      parseLimit,
    )
    .option(
      '--concurrency <n>',
      `uploads at once, 1 to ${PORTAL_DEFAULTS.maxConcurrency} (default: the vendor profile's, 2 for zimbra)`,
      parseConcurrency,
    )
    .option('--vendor <id>', 'the vendor profile giving the form fields and defaults', DEFAULT_VENDOR_ID)
    .option('--json', 'print the receipt as one JSON document on stdout')
    .action(async (outdir: string, flags: ShipPortalFlags) => {
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
    });
}
