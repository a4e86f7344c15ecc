import { readFileSync, statSync } from 'node:fs';
import { openCredentialStore } from '../../core/secrets/keychain-store';
import {
  ANONYMOUS,
  type FtpShipReceipt,
  type FtpTarget,
  type FtpTls,
  parseFtpUrl,
  savedFtpPassword,
  shipFtp,
} from '../../core/ship/ftp/index';
import { CasekitError } from '../../shared/error-codes';
import { CliExit, EXIT } from '../exit-codes';
import { askHiddenLine } from './ask-hidden-line';
import { shipWithProgress } from './ship-progress-printer';

export interface ShipFtpFlags {
  url: string;
  passwordEnv?: string;
  tls?: FtpTls;
  trustCert?: string;
  caFile?: string;
  json?: boolean;
}

/** Errors that mean the input was wrong, found before anything went out. */
const INPUT_ERRORS = new Set(['INVALID_INPUT', 'BUNDLE_INVALID']);

function usage(error: unknown): CliExit {
  return new CliExit(EXIT.USAGE, error instanceof Error ? error.message : String(error));
}

/** The password: a named environment variable, else the keychain, else the terminal, else none. Never an argument. */
async function resolvePassword(target: FtpTarget, envName: string | undefined): Promise<string | null> {
  if (envName !== undefined) {
    const value = process.env[envName];
    if (value === undefined) {
      throw new CliExit(
        EXIT.USAGE,
        `--password-env ${envName}: that environment variable is not set. Put the FTP password in it (read -rs ${envName}; export ${envName}).`,
      );
    }
    return value;
  }
  if (target.user === ANONYMOUS) return null;
  const { store } = await openCredentialStore();
  const saved = await savedFtpPassword(store, target);
  if (saved.password !== null) {
    console.error(`casekit ship ftp: using the password saved in the OS keychain for ${target.user}@${target.host}`);
    return saved.password;
  }
  if (process.stdin.isTTY === true && process.stderr.isTTY === true) {
    return askHiddenLine(`FTP password for ${target.user}@${target.host}: `).catch(() => {
      throw new CliExit(EXIT.FAILED, 'cancelled while asking for the FTP password.');
    });
  }
  console.error(
    `casekit ship ftp: no password for ${target.user} (no --password-env, none saved in the keychain, no terminal to ask on); trying without one.`,
  );
  return null;
}

function summarize(receipt: FtpShipReceipt): void {
  const ok = receipt.files.filter((file) => file.status === 'sent' || file.status === 'already-there');
  const skipped = receipt.files.filter((file) => file.status === 'already-there').length;
  console.error(
    `Shipped ${ok.length} of ${receipt.files.length} files to ${receipt.destination}${skipped > 0 ? ` (${skipped} already complete there)` : ''}.`,
  );
  for (const file of receipt.files) {
    if (file.status === 'failed') console.error(`  failed: ${file.name}: ${file.error?.message ?? 'unknown reason'}`);
    if (file.status === 'not-sent') console.error(`  not sent: ${file.name}`);
  }
  if (receipt.certificate?.by === 'fingerprint') {
    console.error(`TLS certificate trusted by its fingerprint ${receipt.certificate.fingerprint}.`);
  }
  for (const warning of receipt.warnings) console.error(`warning: ${warning}`);
}

function exitFor(error: unknown): CliExit {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CasekitError && INPUT_ERRORS.has(error.code)) return new CliExit(EXIT.USAGE, message);
  if (error instanceof CasekitError && error.code === 'TLS_CERT_UNTRUSTED') return new CliExit(EXIT.REFUSED, message);
  return new CliExit(EXIT.FAILED, message);
}

/** `casekit ship ftp`: loaded only when the command runs (ship-ftp-command.ts defines its flags). */
export async function shipFtpAction(outdir: string, flags: ShipFtpFlags): Promise<void> {
  let target: FtpTarget;
  try {
    target = parseFtpUrl(flags.url, flags.tls);
  } catch (error) {
    throw usage(error);
  }
  if (statSync(outdir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new CliExit(EXIT.USAGE, `${outdir} is not a folder: give the OUTDIR of casekit pack.`);
  }
  let caCertificates: string[] | undefined;
  if (flags.caFile !== undefined) {
    try {
      caCertificates = [readFileSync(flags.caFile, 'utf8')];
    } catch (error) {
      throw new CliExit(EXIT.USAGE, `--ca-file ${flags.caFile} cannot be read: ${(error as Error).message}`);
    }
  }
  const password = await resolvePassword(target, flags.passwordEnv);
  const receipt: FtpShipReceipt = await shipWithProgress('uploading', (signal, onProgress) =>
    shipFtp({
      bundleDir: outdir,
      url: flags.url,
      password,
      tls: flags.tls,
      trustedCertificate: flags.trustCert,
      caCertificates,
      signal,
      onProgress,
    }),
  ).catch((error: unknown) => {
    throw exitFor(error);
  });
  summarize(receipt);
  if (flags.json) console.log(JSON.stringify(receipt));
  if (receipt.complete) return;
  const stored = receipt.files.some((file) => file.status === 'sent' || file.status === 'already-there');
  const missing = receipt.files.filter((file) => file.status === 'failed' || file.status === 'not-sent').length;
  if (!stored) throw new CliExit(EXIT.FAILED, 'no file reached the FTP server.');
  throw new CliExit(
    EXIT.PARTIAL,
    `${missing} file(s) did not reach the server; the rest is there. Run the same command again to send only what is missing.`,
  );
}
