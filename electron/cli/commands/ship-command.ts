import type { Command } from 'commander';
import { registerShipEmailCommand } from './ship-email-command';
import { registerShipFtpCommand } from './ship-ftp-command';
import { registerShipPortalCommand } from './ship-portal-command';

/**
 * `casekit ship <channel>`: one subcommand per channel of ../shared/CLI.md,
 * each in its own ship-<channel>-command.ts and added to this list.
 */
const CHANNELS: ((ship: Command) => void)[] = [
  registerShipEmailCommand,
  registerShipFtpCommand,
  registerShipPortalCommand,
];

export function registerShipCommand(program: Command): void {
  const ship = program
    .command('ship')
    .description('send a packed bundle folder (casekit pack OUTDIR) to support')
    .helpOption('-h, --help', 'show help');
  for (const register of CHANNELS) register(ship);
  ship.commands.forEach((command) => command.exitOverride());
}
