// The baseline of `npm run bench:redact`: GNU sed with ten patterns
// comparable to the engine's rules, run the way someone would script it.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * Ten ERE substitutions: e-mail, IPv4, IPv6, password, token, cookie, Basic
 * (and Bearer) auth, host name, uid/user, ActiveSync device id. Order matters
 * as it would in a real script: the specific ones before the generic ones.
 */
export const SED_PATTERNS = [
  String.raw`s/(Authorization: (Basic|Bearer) )[A-Za-z0-9+/=._-]+/\1AUTH/g`,
  String.raw`s/(ZM_AUTH_TOKEN|ZM_ADMIN_AUTH_TOKEN|JSESSIONID)=[^;" ]+/\1=COOKIE/g`,
  String.raw`s/(authToken>|csrfToken>|zauthtoken=|preauth=|TokenKey: [0-9]:|PreAuthKey: )[A-Za-z0-9_.-]+/\1TOKEN/g`,
  String.raw`s/(password|passwd|pwd)(["']?[:=>] *["']?)[^ "'&;,<]+/\1\2PASSWORD/Ig`,
  String.raw`s/[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/EMAIL/g`,
  String.raw`s/(DeviceI[dD]=)[A-Za-z0-9]+/\1DEVICE/g`,
  String.raw`s/(uid=|user=|User=|sasl_username=)[^,;&] ]+/\1USER/g`,
  String.raw`s/([0-9]{1,3}\.){3}[0-9]{1,3}/IPV4/g`,
  String.raw`s/([0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{1,4}/IPV6/g`,
  String.raw`s/\b([A-Za-z0-9-]+\.)+(local|pl|eu|de|com|net|org|uk)\b/HOST/g`,
];

export function writeSedScript(dir) {
  const file = path.join(dir, 'redact.sed');
  writeFileSync(file, `${SED_PATTERNS.join('\n')}\n`);
  return file;
}

function sedOne(script, input, output) {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', 'LC_ALL=C exec sed -E -f "$1" "$2" > "$3"', 'sed', script, input, output], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`sed exited with ${code}: ${stderr}`))));
  });
}

/** Runs sed over `files` with `parallel` processes at a time; returns the seconds taken. */
export async function runSed(script, files, outDir, parallel) {
  const started = performance.now();
  const queue = [...files];
  const lane = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      await sedOne(script, file, path.join(outDir, `${path.basename(file)}.sed`));
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return (performance.now() - started) / 1000;
}
