import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestKeyring {
  /** Set as DBUS_SESSION_BUS_ADDRESS before keytar is first used. */
  busAddress: string;
  stop(): Promise<void>;
}

function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing in 10 s`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const newline = text.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, newline).trim());
      }
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}

/**
 * The daemon prints its line before it has created the "login" collection that
 * libsecret stores into; a test that writes in between fails with "Object does
 * not exist at path …/collection/login" (seen under load). Waits until the
 * collection answers on the bus.
 */
async function loginCollection(busAddress: string): Promise<void> {
  const args = [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.secrets',
    '/org/freedesktop/secrets/collection/login',
    'org.freedesktop.DBus.Properties.Get',
    'string:org.freedesktop.Secret.Collection',
    'string:Locked',
  ];
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress };
  for (let tries = 0; tries < 100; tries++) {
    const found = await new Promise<boolean>((resolve) => execFile('dbus-send', args, { env }, (err) => resolve(!err)));
    if (found) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('gnome-keyring-daemon did not create its login collection within 10 s');
}

/**
 * A private D-Bus session with GNOME Keyring's Secret Service, unlocked, its
 * keyrings in a temp folder: the real libsecret path keytar takes on Linux,
 * without touching the user's own keyring.
 */
export async function startKeyring(): Promise<TestKeyring> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'casekit-keyring-'));
  const env = { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, 'data'), XDG_RUNTIME_DIR: home };
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const busAddress = await firstLine(bus, 'dbus-daemon');
  const keyring = spawn(
    'gnome-keyring-daemon',
    ['--foreground', '--unlock', '--components=secrets', `--control-directory=${home}`],
    { env: { ...env, DBUS_SESSION_BUS_ADDRESS: busAddress }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  keyring.stdin?.end('casekit-test-keyring\n');
  await firstLine(keyring, 'gnome-keyring-daemon');
  await loginCollection(busAddress);
  return {
    busAddress,
    stop: async () => {
      for (const child of [keyring, bus]) {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          await new Promise((resolve) => child.once('exit', resolve));
        }
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
