import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestAgent {
  /** The SSH_AUTH_SOCK path. */
  socket: string;
  /** ssh-add for this agent only. */
  add(privateKeyFile: string): void;
  stop(): Promise<void>;
}

/** A private ssh-agent in the foreground (`-D`), so the test owns its process and can stop it by pid. */
export async function startSshAgent(): Promise<TestAgent> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casekit-agent-'));
  const socket = path.join(dir, 'agent.sock');
  const child: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const deadline = Date.now() + 5_000;
  while (!existsSync(socket)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`ssh-agent did not create ${socket}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    socket,
    add: (file) =>
      execFileSync('ssh-add', ['-q', file], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'pipe' }),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
