import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { FtpTls } from '../../core/ship/ftp/index';
import { fingerprintOrNull, notAFingerprint } from '../../core/ship/ftp/ftp-fingerprint';
import type { ShipFtpFlags } from './ship-ftp-action';

const TLS_MODES: readonly FtpTls[] = ['explicit', 'implicit', 'off'];

function parseTls(value: string): FtpTls {
  const mode = TLS_MODES.find((candidate) => candidate === value);
  if (mode === undefined)
    throw new InvalidArgumentError(`'${value}' is not a TLS mode: use explicit, implicit or off.`);
  return mode;
}

function parseFingerprint(value: string): string {
  const fingerprint = fingerprintOrNull(value);
  if (fingerprint === null) throw new InvalidArgumentError(notAFingerprint(value));
  return fingerprint;
}

export function registerShipFtpCommand(ship: Command): void {
  ship
    .command('ftp')
    .argument('<outdir>', 'the bundle folder made by casekit pack')
    .description(
      "upload a bundle folder into the case's folder on an FTP or FTPS server; a partial upload resumes where it stopped",
    )
    .requiredOption(
      '--url <url>',
      "ftp[s]://[user@]host[:port]/dir: dir is the case's folder (made if missing); user defaults to anonymous",
    )
    .option('--password-env <var>', 'the environment variable holding the password (default: keychain, then ask)')
    .option(
      '--tls <mode>',
      'explicit (AUTH TLS; the default, also for ftps:// on a port other than 990), implicit (ftps:// on 990) or off (plain FTP: the password crosses unencrypted)',
      parseTls,
    )
    .option(
      '--trust-cert <fingerprint>',
      'trust exactly this server certificate (SHA256:… as casekit printed it), e.g. a self-signed one',
      parseFingerprint,
    )
    .option('--ca-file <pem>', 'extra certificate authorities (PEM) to trust besides the system ones')
    .option('--json', 'print the receipt as one JSON document on stdout')
    .action(async (outdir: string, flags: ShipFtpFlags) =>
      (await import('./ship-ftp-action')).shipFtpAction(outdir, flags),
    );
}
