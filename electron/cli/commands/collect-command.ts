import type { Command } from 'commander';
import { DEFAULT_VENDOR_ID } from '../../core/vendor/vendor-id';
import { DEFAULT_ITEM_GROUPS } from '../../shared/collect-item-groups';
import type { CollectFlags } from './collect-action';
import {
  DURATION_HELP,
  parseHostConcurrency,
  parseItems,
  parseRemoteRoot,
  parseSince,
  parseTimeout,
} from './collect-flags';

const DEFAULT_TIMEOUT = '30m';

export function registerCollectCommand(program: Command): void {
  program
    .command('collect')
    .argument('<target...>', '[user@]host[:port] or a Host alias from ~/.ssh/config, one or more')
    .description('collect zmdiaglog, logs, command output (and dumps, with consent) from every server in parallel')
    .requiredOption(
      '--out <dir>',
      'the collection folder: DIR/<hostname>/… and DIR/collection.json; re-running resumes',
    )
    .option('--case <number>', 'the case number, exactly 8 digits, recorded in collection.json')
    .option('--identity <file>', 'private key to log in with')
    .option('--passphrase-env <var>', "the environment variable holding the key's passphrase (default: ask)")
    .option('--password-env <var>', 'the environment variable holding the SSH password (default: ask)')
    .option('--jump <[user@]host[:port]>', 'connect through this jump host (like ssh -J; a comma-separated chain)')
    .option('--known-hosts <file>', "trusted host keys (default: Casekit's store, then ~/.ssh/known_hosts)")
    .option(
      '--accept-new-host-key',
      'trust and record a host key seen for the first time; a changed key is always refused',
    )
    .option('--sudo', 'become root with sudo when not logged in as root, asking its password if it wants one')
    .option('--sudo-password-env <var>', "the environment variable holding sudo's password (implies --sudo)")
    .option('--zimbra-root <dir>', 'where Zimbra is installed on the servers (default /opt/zimbra)', parseRemoteRoot)
    .option('--items <list>', 'any of zmdiaglog,logs,commands,cores', parseItems, [...DEFAULT_ITEM_GROUPS])
    .option('--zmdiaglog-args <args>', "zmdiaglog's options (default -z); only its documented options")
    .option(`--since <duration|iso>`, `logs touched in this window: ${DURATION_HELP} or an ISO date`, (text: string) =>
      parseSince(text),
    )
    .option(
      '--allow-cores',
      'consent to fetching core and heap dumps (they hold mail and passwords, and cannot be redacted)',
    )
    .option('--concurrency <n>', 'hosts at once, 1 to 64', parseHostConcurrency, 4)
    .option(
      '--timeout <duration>',
      `the most one host may take: ${DURATION_HELP}`,
      parseTimeout,
      parseTimeout(DEFAULT_TIMEOUT),
    )
    .option('--remove-remote-zmdiaglog', "delete zmdiaglog's output on the server once the local copy is verified")
    .option('--vendor <id>', 'the vendor profile (paths, commands, users)', DEFAULT_VENDOR_ID)
    .option(
      '--plan',
      'list what each host has (sizes, time, the total against free space) and write collection.json, fetching nothing',
    )
    .option('--json', 'print collection.json as one JSON document on stdout at the end')
    .action(async (targets: string[], flags: CollectFlags) =>
      (await import('./collect-action')).collectAction(targets, flags),
    );
}
