import type { Client } from 'ssh2';
import { quote } from './shell-quote';

// A `kill` takes milliseconds; past this the kill channel is not coming back.
const KILL_CHANNEL_TIMEOUT_MS = 5_000;
// A server at its MaxSessions refuses the channel; one of the others may close meanwhile.
const ATTEMPTS = 5;
const RETRY_DELAY_MS = 500;

/**
 * Sends SIGTERM to a command's supervisor (see supervisor-script.ts), which
 * then stops the command's whole process tree: `kill -TERM <pid>` over a
 * second exec channel, as the same user. True once the kill has run.
 *
 * Not the SSH "signal" request: sshd 9.2 refuses it for root sessions (and
 * logs an error each time), versions before 7.9 ignore it, and ssh2 drops it
 * without a word once stdin has been closed, which execRemote always does.
 */
export async function signalSupervisor(client: Client, pid: number, marker: string): Promise<boolean> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (await killOverSecondChannel(client, pid, marker)) return true;
    if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
  }
  return false;
}

/**
 * True when the kill command ran (whatever it answered: a supervisor that has
 * just exited is fine). The pid is signalled only while its command line still
 * carries our marker: should the supervisor have exited meanwhile and its pid
 * gone to another process, that process is left alone.
 */
function killOverSecondChannel(client: Client, pid: number, marker: string): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), KILL_CHANNEL_TIMEOUT_MS);
    const done = (ran: boolean) => {
      clearTimeout(timer);
      resolve(ran);
    };
    try {
      client.exec(
        `grep -aqF -e ${quote(marker)} /proc/${pid}/cmdline 2>/dev/null && kill -TERM ${pid}`,
        (err, channel) => {
          if (err) return done(false);
          channel.on('data', () => undefined);
          channel.stderr.on('data', () => undefined);
          channel.on('close', () => done(true));
          channel.end();
        },
      );
    } catch {
      done(false);
    }
  });
}
