import type { Command } from 'commander';
import type { HostkeyFlags } from './hostkey-action';

export function registerHostkeyCommand(program: Command): void {
  program
    .command('hostkey')
    .argument('<target>', '[user@]host[:port] or a Host alias from ~/.ssh/config')
    .description("print a server's host key type and SHA256 fingerprint and whether it is trusted; trusts nothing")
    .option('--known-hosts <file>', "trusted host keys (default: Casekit's store, then ~/.ssh/known_hosts)")
    .option('--json', 'print one JSON document on stdout')
    .action(async (spec: string, flags: HostkeyFlags) => (await import('./hostkey-action')).hostkeyAction(spec, flags));
}
