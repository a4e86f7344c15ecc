import { Command, CommanderError } from 'commander';
import { registerCollectCommand } from './commands/collect-command';
import { registerHostkeyCommand } from './commands/hostkey-command';
import { registerPackCommand } from './commands/pack-command';
import { registerRedactCommand } from './commands/redact-command';
import { registerServeCommand } from './commands/serve-command';
import { registerShipCommand } from './commands/ship-command';
import { registerVerifyCommand } from './commands/verify-command';
import { CliExit, EXIT } from './exit-codes';
import { CASEKIT_VERSION } from './version';

export function buildProgram(): Command {
  const program = new Command('casekit')
    .description('Casekit: a vendor support case, from first contact to the SLA follow-up (Zimbra first).')
    .version(CASEKIT_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run casekit --help for usage)')
    .exitOverride();
  registerServeCommand(program);
  registerHostkeyCommand(program);
  registerCollectCommand(program);
  registerRedactCommand(program);
  registerPackCommand(program);
  registerVerifyCommand(program);
  registerShipCommand(program);
  program.commands.forEach((command) => command.exitOverride());
  return program;
}

/** Runs the CLI and returns the exit code of ../shared/CLI.md instead of exiting, so tests can call it. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version end through here too, with exit code 0
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (error instanceof CliExit) {
      console.error(`casekit: ${error.message}`);
      return error.code;
    }
    console.error(`casekit: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.FAILED;
  }
}
