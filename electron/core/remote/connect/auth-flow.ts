import { promises as fs } from 'node:fs';
import type { AnyAuthMethod, NextAuthHandler, ParsedKey, Prompt } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { authFailedError, describeStep, type AuthStep, type StepState } from './auth-report';
import type { AuthMethodName, ConnectPrompts } from './connect-types';
import { defaultIdentityFiles, loadIdentity, unlockIdentity } from './identity-keys';
import { LockedKeyAgent } from './locked-key-agent';
import type { SshTarget } from './ssh-target';

export interface AuthContext {
  target: SshTarget;
  where: string;
  prompts: ConnectPrompts;
  agent: string | null;
  homedir: string;
  /** Keys unlocked earlier in this connection (another hop), so a passphrase is asked once. */
  unlocked: Map<string, ParsedKey>;
  /** Runs a wait for the user with the connection's timeout stopped. */
  waitForUser<T>(question: Promise<T>): Promise<T>;
  /** The server answered an attempt: its silence, not the length of the whole login, is what times out. */
  serverAnswered(): void;
}

/** How often OpenSSH lets one ask for a password or a keyboard-interactive answer (NumberOfPasswordPrompts). */
const MAX_ATTEMPTS = 3;

const SERVER_METHOD: Record<AuthStep['kind'], string> = {
  agent: 'publickey',
  key: 'publickey',
  password: 'password',
  'keyboard-interactive': 'keyboard-interactive',
};

/** How the session reports the method: an encrypted key goes through ssh2's agent path but is still "publickey". */
const METHOD_NAME: Record<AuthStep['kind'], AuthMethodName> = {
  agent: 'agent',
  key: 'publickey',
  password: 'password',
  'keyboard-interactive': 'keyboard-interactive',
};

/**
 * Feeds ssh2's authHandler in OpenSSH's spirit: `none` first to learn what the
 * server accepts, then the agent, each identity file, password and
 * keyboard-interactive, each only if the server lists it, while remembering
 * what was tried so a final refusal can say so.
 */
export class AuthFlow {
  private readonly steps: StepState[];
  private current: { state: StepState | null; method: AuthMethodName } | null = null;
  private serverMethods: string[] | null = null;
  private readonly notes: string[] = [];
  /** Set when login must stop for a reason of our own (a key that would not unlock). */
  failure: CasekitError | null = null;
  private stopped = false;

  constructor(private readonly ctx: AuthContext) {
    const configured = ctx.target.identityFiles.length > 0;
    const files = configured ? ctx.target.identityFiles : defaultIdentityFiles(ctx.homedir);
    const steps: AuthStep[] = [
      ...(ctx.agent ? [{ kind: 'agent' as const, agent: ctx.agent }] : []),
      ...files.map((file) => ({ kind: 'key' as const, file, configured })),
      { kind: 'password' },
      { kind: 'keyboard-interactive' },
    ];
    this.steps = steps.map((step) => ({ step, attempts: 0, done: false }));
  }

  /** The method that got us in, once ssh2 reports ready. */
  get method(): AuthMethodName {
    return this.current?.method ?? 'none';
  }

  /** AUTH_FAILED naming what was tried and what the server accepts. */
  exhausted(): CasekitError {
    return this.failure ?? authFailedError(this.ctx, this.steps, this.serverMethods, this.notes);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** The connection is being torn down: ssh2 may still ask for a next method, and the user must not be asked. */
  stop(): void {
    this.stopped = true;
  }

  readonly handler = (methodsLeft: string[] | null, partialSuccess: boolean | null, next: NextAuthHandler): void => {
    // ssh2 takes `false` for "no more methods"; its types only list method names.
    const give = next as (method: AnyAuthMethod | false) => void;
    if (this.stopped || this.failure !== null) return give(false);
    this.ctx.serverAnswered();
    this.nextMethod(methodsLeft, partialSuccess === true).then(
      (method) => give(this.failure === null && !this.stopped ? (method ?? false) : false),
      (err: unknown) => {
        this.failure = err instanceof CasekitError ? err : new CasekitError('INTERNAL', String(err));
        give(false);
      },
    );
  };

  private async nextMethod(methodsLeft: string[] | null, partial: boolean): Promise<AnyAuthMethod | null> {
    const username = this.ctx.target.user;
    if (methodsLeft === null) {
      this.current = { state: null, method: 'none' };
      return { type: 'none', username };
    }
    // sshd may answer a final failure with an empty list; the last real list says more about the server.
    if (methodsLeft.length > 0 || this.serverMethods === null) this.serverMethods = methodsLeft;
    const previous = this.current?.state;
    if (previous) {
      if (partial) this.note(`${describeStep(previous.step)} was accepted, and the server asked for more`);
      const retry = previous.attempts < MAX_ATTEMPTS && !partial;
      if (!retry || previous.step.kind === 'agent' || previous.step.kind === 'key') previous.done = true;
    }
    for (const state of this.steps) {
      if (state.done || !methodsLeft.includes(SERVER_METHOD[state.step.kind])) continue;
      const method = await this.prepare(state, username);
      if (method === null) {
        state.done = true;
        continue;
      }
      this.current = { state, method: METHOD_NAME[state.step.kind] };
      return method;
    }
    return null;
  }

  private async prepare(state: StepState, username: string): Promise<AnyAuthMethod | null> {
    const { step } = state;
    switch (step.kind) {
      case 'agent': {
        const { agent } = step;
        if (!(await agentReachable(agent))) {
          this.note(`the SSH agent socket ${agent} does not exist (is ssh-agent running?)`);
          return null;
        }
        state.attempts++;
        return { type: 'agent', username, agent };
      }
      case 'key':
        return this.prepareKey(state, step.file, step.configured, username);
      case 'password': {
        const password = await this.ctx.waitForUser(
          this.ctx.prompts.password(username, this.ctx.target.alias ?? this.ctx.target.host, state.attempts + 1),
        );
        if (password === null) return null;
        state.attempts++;
        return { type: 'password', username, password };
      }
      case 'keyboard-interactive':
        state.attempts++;
        return { type: 'keyboard-interactive', username, prompt: this.relayPrompts(state) };
    }
  }

  private async prepareKey(state: StepState, file: string, configured: boolean, username: string) {
    const cached = this.ctx.unlocked.get(file);
    const identity = cached ? { kind: 'ready' as const, file, key: cached } : await loadIdentity(file, configured);
    if (identity.kind === 'skip') {
      if (identity.note !== null) this.note(identity.note);
      return null;
    }
    if (identity.kind === 'locked') {
      state.attempts++;
      const unlock = async () => {
        const key = await this.unlock(file, identity.text);
        if (key === null) throw new Error(`no passphrase given for ${file}`);
        return key;
      };
      return { type: 'agent' as const, username, agent: new LockedKeyAgent(identity.publicKey, unlock) };
    }
    const key = identity.kind === 'ready' ? identity.key : await this.unlock(file, identity.text);
    if (key === null) return null;
    state.attempts++;
    return { type: 'publickey' as const, username, key };
  }

  private async unlock(file: string, text: Buffer): Promise<ParsedKey | null> {
    try {
      const key = await this.ctx.waitForUser(
        unlockIdentity(file, text, (keyFile, attempt) => this.ctx.prompts.passphrase(keyFile, attempt)),
      );
      if (key === null) this.note(`no passphrase was given for ${file}, so it was skipped`);
      else this.ctx.unlocked.set(file, key);
      return key;
    } catch (err) {
      if (err instanceof CasekitError) this.failure = err;
      throw err;
    }
  }

  private relayPrompts(state: StepState) {
    return (name: string, instructions: string, _lang: string, prompts: Prompt[], finish: (a: string[]) => void) => {
      const request = {
        name,
        instructions,
        prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo === true })),
      };
      this.ctx.waitForUser(this.ctx.prompts.keyboardInteractive(request)).then(
        (answers) => {
          // A declined question still needs an answer on the wire; blank ones fail this try, and we stop there.
          if (answers === null) state.attempts = MAX_ATTEMPTS;
          finish(prompts.map((_, i) => answers?.[i] ?? ''));
        },
        () => finish(prompts.map(() => '')),
      );
    };
  }
}

async function agentReachable(agent: string): Promise<boolean> {
  // Pageant and Windows named pipes cannot be stat'ed; ssh2 reports their failures itself.
  if (agent === 'pageant' || agent.startsWith('\\\\')) return true;
  return fs.stat(agent).then(
    () => true,
    () => false,
  );
}
