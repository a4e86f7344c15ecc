import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveDataDir } from '../../core/common/data-dir';
import { HostKeyStore } from '../../core/remote/connect/host-key-store';
import { sshCryptoBindingWarning } from '../../core/remote/connect/crypto-binding';
import { resolveTarget } from '../../core/remote/connect/ssh-target';
import { readHostKey, type HostKeyReport } from '../../core/remote/hostkey/read-host-key';
import { CasekitError } from '../../shared/error-codes';
import { CliExit, EXIT } from '../exit-codes';

export interface HostkeyFlags {
  knownHosts?: string;
  json?: boolean;
}

function readOptional(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

const VERDICT: Record<HostKeyReport['status'], string> = {
  trusted: 'yes',
  unknown:
    'no: never seen. Compare the fingerprint with the server’s (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on its console) before trusting it.',
  changed:
    'NO: THE KEY HAS CHANGED since it was trusted. Someone may be intercepting the connection; Casekit refuses to connect.',
  revoked: 'NO: this key is marked @revoked. Casekit refuses to connect.',
};

/** `casekit hostkey`: loaded only when the command runs (hostkey-command.ts defines its flags). */
export async function hostkeyAction(spec: string, flags: HostkeyFlags): Promise<void> {
  const slow = sshCryptoBindingWarning();
  if (slow !== null) console.error(`casekit: warning: ${slow}`);
  const homedir = os.homedir();
  let target;
  try {
    target = resolveTarget(spec, {
      sshConfigText: readOptional(path.join(homedir, '.ssh', 'config')),
      defaultUser: os.userInfo().username,
      homedir,
    });
  } catch (error) {
    throw new CliExit(EXIT.USAGE, error instanceof Error ? error.message : String(error));
  }
  if (target.jump.length > 0) {
    throw new CliExit(
      EXIT.USAGE,
      `${spec} is reached through jump hosts (${target.jump.map((hop) => hop.host).join(' → ')}); casekit hostkey connects directly only. Run it against each jump host, or against the target from a machine that reaches it.`,
    );
  }
  const store = flags.knownHosts
    ? new HostKeyStore({ appKnownHostsFile: path.resolve(flags.knownHosts), userKnownHostsFiles: [] })
    : new HostKeyStore({
        appKnownHostsFile: path.join(
          resolveDataDir({ env: process.env, platform: process.platform, homedir }),
          'known_hosts',
        ),
        userKnownHostsFiles: [path.join(homedir, '.ssh', 'known_hosts')],
      });
  let report: HostKeyReport;
  try {
    report = await readHostKey(target.host, target.port, store);
  } catch (error) {
    throw new CliExit(EXIT.FAILED, error instanceof CasekitError ? error.message : String(error));
  }
  if (flags.json) console.log(JSON.stringify(report));
  else {
    console.log(`Host:        ${report.host}:${report.port}`);
    console.log(`Key type:    ${report.keyType}`);
    console.log(`Fingerprint: ${report.fingerprint}`);
    console.log(`Trusted:     ${VERDICT[report.status]}`);
    for (const old of report.expectedFingerprints) console.log(`Trusted before: ${old}`);
  }
  if (report.status === 'changed' || report.status === 'revoked') {
    throw new CliExit(EXIT.REFUSED, `the host key of ${report.host}:${report.port} is ${report.status}.`);
  }
}
