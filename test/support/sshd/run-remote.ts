import type { Client } from 'ssh2';
import { rawExec } from './raw-exec';

/** Runs a command over an established client and returns its stdout (for asserting who we reached). */
export async function runRemote(client: Client, command: string): Promise<string> {
  return (await rawExec(client, command)).stdout;
}
