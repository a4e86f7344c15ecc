import { statSync } from 'node:fs';
import path from 'node:path';
import type { CollectOptions } from '../../core/collect/collect-types';
import { parseZmdiaglogArgs } from '../../core/collect/host/index';
import { planCollection, runCollection } from '../../core/collect/run/index';
import { sshCryptoBindingWarning } from '../../core/remote/connect/crypto-binding';
import type { CollectItemGroup } from '../../shared/collect-item-groups';
import { CasekitError } from '../../shared/error-codes';
import { CliExit, EXIT } from '../exit-codes';
import { runInterruptible } from '../interruptible';
import { cliVendorProfile } from './cli-vendor-profile';
import { cliConnector, resolveCliTarget } from './collect-connector';
import { parseSince, secretFromEnv } from './collect-flags';
import { planOutcome, printPlan } from './collect-plan-report';
import { CollectPrinter, collectOutcome, printSummary } from './collect-report';

export interface CollectFlags {
  out: string;
  case?: string;
  identity?: string;
  passphraseEnv?: string;
  passwordEnv?: string;
  jump?: string;
  knownHosts?: string;
  acceptNewHostKey?: boolean;
  sudo?: boolean;
  sudoPasswordEnv?: string;
  zimbraRoot?: string;
  items: CollectItemGroup[];
  zmdiaglogArgs?: string;
  since?: Date;
  allowCores?: boolean;
  concurrency: number;
  timeout: number;
  removeRemoteZmdiaglog?: boolean;
  vendor: string;
  plan?: boolean;
  json?: boolean;
}

const DEFAULT_SINCE = '24h';

const usage = (error: unknown): CliExit =>
  new CliExit(EXIT.USAGE, error instanceof Error ? error.message : String(error));

/** Everything the flags say that can be wrong, checked before any connection. */
function checkInput(targets: string[], flags: CollectFlags): { zmdiaglogArgs: string[] | null } {
  if (flags.case !== undefined && !/^\d{8}$/.test(flags.case)) {
    throw new CliExit(
      EXIT.USAGE,
      `"${flags.case}" is not a case number: it must be exactly 8 digits, such as 00012345.`,
    );
  }
  if (statSync(flags.out, { throwIfNoEntry: false })?.isDirectory() === false) {
    throw new CliExit(EXIT.USAGE, `${flags.out} exists and is not a folder: give a new or existing folder for --out.`);
  }
  if (flags.identity !== undefined && statSync(flags.identity, { throwIfNoEntry: false })?.isFile() !== true) {
    throw new CliExit(EXIT.USAGE, `--identity ${flags.identity}: no such key file.`);
  }
  if (flags.sudoPasswordEnv !== undefined && flags.sudo !== true) flags.sudo = true;
  try {
    for (const target of [...targets, ...(flags.jump?.split(',') ?? [])]) resolveCliTarget(target.trim());
    return { zmdiaglogArgs: flags.zmdiaglogArgs === undefined ? null : parseZmdiaglogArgs(flags.zmdiaglogArgs) };
  } catch (error) {
    throw usage(error);
  }
}

/** `casekit collect`: loaded only when the command runs (collect-command.ts defines its flags). */
export async function collectAction(targets: string[], flags: CollectFlags): Promise<void> {
  const { zmdiaglogArgs } = checkInput(targets, flags);
  const passphrase = secretFromEnv('--passphrase-env', flags.passphraseEnv, "key's passphrase");
  const password = secretFromEnv('--password-env', flags.passwordEnv, 'SSH password');
  const sudoPassword = secretFromEnv('--sudo-password-env', flags.sudoPasswordEnv, 'sudo password');
  const profile = (await cliVendorProfile(flags.vendor)).collect;
  const slow = sshCryptoBindingWarning();
  if (slow !== null) console.error(`casekit: warning: ${slow}`);

  const outDir = path.resolve(flags.out);
  const options: CollectOptions = {
    groups: flags.items,
    since: flags.since ?? parseSince(DEFAULT_SINCE),
    zmdiaglogArgs: zmdiaglogArgs ?? profile.zmdiaglog.defaultArgs,
    root: flags.zimbraRoot ?? profile.root,
    consent: flags.allowCores === true ? 'all' : new Set(),
    removeRemoteZmdiaglog: flags.removeRemoteZmdiaglog === true,
  };
  const printer = new CollectPrinter(process.stderr);
  const connect = cliConnector(
    {
      identity: flags.identity,
      passphrase,
      password,
      jump: flags.jump,
      knownHosts: flags.knownHosts,
      acceptNewHostKey: flags.acceptNewHostKey === true,
      sudo: flags.sudo === true,
      sudoPassword,
      serviceUser: profile.serviceUser,
    },
    (key) =>
      printer.note(`${key.where}: trusting its new host key ${key.keyType} ${key.fingerprint} (--accept-new-host-key)`),
  );
  const request = {
    targets,
    connect,
    profile,
    vendor: flags.vendor,
    options,
    outDir,
    caseNumber: flags.case ?? null,
    concurrency: flags.concurrency,
    hostTimeoutMs: flags.timeout,
  };
  const runStart = new Date();
  const outcome = await cliFailure(async () => {
    if (flags.plan === true) {
      const { collection, totals } = await runInterruptible(printer, (signal) =>
        planCollection(request, { signal, onUpdate: (update) => printer.collection(update) }),
      );
      printPlan(collection, totals, targets);
      return { collection, ...planOutcome(collection, targets) };
    }
    const collection = await runInterruptible(printer, (signal, onProgress) =>
      runCollection(request, { signal, onProgress, onUpdate: (update) => printer.collection(update) }),
    );
    printSummary(collection, targets, outDir, runStart);
    return { collection, ...collectOutcome(collection, targets) };
  });
  if (flags.json === true) console.log(JSON.stringify(outcome.collection, null, 2));
  if (outcome.message !== null) throw new CliExit(outcome.code, outcome.message);
}

/** The engine's refusals as exit codes: cancelled (1, resume by running again), bad input (2), anything else (1). */
async function cliFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CasekitError && error.code === 'CANCELLED') {
      throw new CliExit(EXIT.FAILED, `${error.message} Run the same command to resume.`);
    }
    if (error instanceof CasekitError && error.code === 'INVALID_INPUT') throw usage(error);
    throw new CliExit(EXIT.FAILED, error instanceof Error ? error.message : String(error));
  }
}
