import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { PORTAL_DEFAULTS } from '../../core/ship/portal/portal-defaults';
import { DEFAULT_VENDOR_ID } from '../../core/vendor/vendor-id';
import { BYTE_SIZE_HELP, parseByteSize } from '../../shared/byte-size';
import type { ShipPortalFlags } from './ship-portal-action';

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
    .action(async (outdir: string, flags: ShipPortalFlags) =>
      (await import('./ship-portal-action')).shipPortalAction(outdir, flags),
    );
}
