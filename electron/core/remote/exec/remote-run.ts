import { performance } from 'node:perf_hooks';
import type { Client, ClientChannel } from 'ssh2';
import type { CasekitError } from '../../../shared/error-codes';
import * as errors from './exec-errors';
import type { ExecControl, ExecHooks, ExecOptions, ExecResult, StderrFilter } from './exec-remote';
import { watchConnection } from './connection-watch';
import { OutputCollector } from './output-collector';
import { PidReport } from './pid-report';
import { withEnv } from './shell-quote';
import { signalSupervisor } from './signal-supervisor';
import { supervisedCommand } from './supervisor-script';

const DEFAULT_MAX_COLLECT = 16 * 1024 * 1024;
const DEFAULT_GRACE_MS = 3_000;
// The supervisor reports its pid as soon as the command has started; this
// only bounds a login shell that never runs it.
const PID_WAIT_MS = 5_000;
// After SIGTERM the supervisor needs the grace period, then up to 2 s of
// SIGKILL rounds; past that (plus slack) the channel is closed from our side.
const STOP_SLACK_MS = 5_000;
// A channel close the server never acknowledges (a hung connection) must not hang the caller.
const CLOSE_ACK_MS = 2_000;

type StopError = (outcome: errors.StopOutcome) => CasekitError;

/** One execRemote call: the channel's events, the stop protocol and the result. */
export class RemoteRun {
  readonly promise: Promise<ExecResult>;
  private resolve: (result: ExecResult) => void = () => undefined;
  private reject: (error: CasekitError) => void = () => undefined;
  private readonly label: string;
  private readonly graceMs: number;
  private readonly started = performance.now();
  private readonly stdout: OutputCollector;
  private holds = 0;
  private readonly stderr: OutputCollector;
  private readonly pid = new PidReport();
  private readonly disposers: Array<() => void> = [];
  private channel: ClientChannel | undefined;
  private filter: StderrFilter | undefined;
  private exit: { code: number | null; signal: string | null } | undefined;
  private stopping: StopError | undefined;
  private unconfirmed: string | undefined;
  private connectionGone = false;
  private lostReason: unknown;
  private closed = { channel: false, stderr: false };
  private done = false;

  constructor(
    private readonly client: Client,
    commandLine: string,
    private readonly options: ExecOptions,
    private readonly hooks: ExecHooks,
  ) {
    this.label = options.label ?? errors.commandLabel(commandLine);
    this.graceMs = options.killGraceMs ?? DEFAULT_GRACE_MS;
    const limit = options.maxCollectBytes ?? DEFAULT_MAX_COLLECT;
    this.stdout = new OutputCollector(limit);
    this.stderr = new OutputCollector(limit);
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.start(commandLine);
  }

  private start(commandLine: string): void {
    const { signal } = this.options;
    if (signal?.aborted)
      return this.finishWith(errors.commandCancelled(this.label, { kind: 'not-started' }, signal.reason));
    let line: string;
    try {
      line = supervisedCommand(withEnv(commandLine, this.options.env), {
        marker: this.pid.marker,
        graceMs: this.graceMs,
      });
    } catch (err) {
      return this.finishWith(err as CasekitError);
    }
    this.watch();
    try {
      this.client.exec(line, (err, channel) => (err ? this.refused(err) : this.opened(channel)));
    } catch (err) {
      this.refused(err);
    }
  }

  /** Timeout, abort signal and the connection's fate, each undone when the run ends. */
  private watch(): void {
    const { signal, timeoutMs } = this.options;
    if (timeoutMs !== undefined) {
      const timer = setTimeout(() => this.stop((o) => errors.commandTimedOut(this.label, timeoutMs, o)), timeoutMs);
      this.disposers.push(() => clearTimeout(timer));
    }
    if (signal) {
      const onAbort = () => this.stop((o) => errors.commandCancelled(this.label, o, signal.reason));
      signal.addEventListener('abort', onAbort, { once: true });
      this.disposers.push(() => signal.removeEventListener('abort', onAbort));
    }
    this.disposers.push(
      watchConnection(this.client, (reason) => {
        this.connectionGone = true;
        this.lostReason ??= reason;
      }),
    );
  }

  private refused(err: unknown): void {
    if (this.stopping) return this.finishWith(this.stopping({ kind: 'not-started' }));
    const disconnected = err instanceof Error && /Not connected|No response from server/.test(err.message);
    if (this.connectionGone || disconnected) return this.finishWith(errors.connectionLost(this.label, err));
    this.finishWith(errors.channelRefused(this.label, err));
  }

  private opened(channel: ClientChannel): void {
    this.channel = channel;
    channel.on('data', (chunk: Buffer) => this.guard(() => this.gotStdout(chunk)));
    channel.stderr.on('data', (chunk: Buffer) => this.guard(() => this.gotStderr(chunk)));
    channel.on('exit', (code: number | null, signal?: string) => {
      this.exit = { code: code ?? null, signal: signal ?? null };
    });
    channel.on('close', () => this.gotClose('channel'));
    channel.stderr.on('close', () => this.gotClose('stderr'));
    if (this.stopping) return void this.stopRemote();
    const control: ExecControl = {
      write: (data) => void (channel.writable && channel.write(data)),
      end: () => void channel.end(),
      fail: (error) => this.stop(() => error),
    };
    if (this.hooks.attach) {
      this.filter = this.hooks.attach(control);
      return;
    }
    if (this.options.stdin !== undefined) channel.write(this.options.stdin);
    channel.end();
  }

  private gotStdout(chunk: Buffer): void {
    if (this.stopping) return;
    const held = this.options.onStdout?.(chunk);
    if (held instanceof Promise) this.holdStdout(held);
    if (this.options.collect !== false) this.stdout.add(chunk);
  }

  /** Pauses the channel until every hold settles; ssh2 then stops widening the window and the server waits. */
  private holdStdout(held: Promise<unknown>): void {
    this.holds += 1;
    if (this.holds === 1) this.channel?.pause();
    const release = () => {
      this.holds -= 1;
      if (this.holds === 0) this.channel?.resume();
    };
    held.then(release, release);
  }

  private gotStderr(raw: Buffer): void {
    const data = this.pid.scan(raw);
    this.deliverStderr(this.filter ? this.filter.push(data) : data);
  }

  private deliverStderr(data: Buffer): void {
    if (data.length === 0 || this.stopping) return;
    this.options.onStderr?.(data);
    if (this.options.collect !== false) this.stderr.add(data);
  }

  /** A caller's callback that throws must not crash Casekit, nor leave the command running. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.stop(() => errors.callbackFailed(this.label, err));
    }
  }

  private stop(makeError: StopError): void {
    if (this.stopping || this.done) return;
    // The command has exited, yet the channel is open: something it started on
    // purpose (a daemon, as `zmcontrol start` does) still holds its output.
    // That is not ours to kill; stop waiting for it and return the result.
    if (this.exit) return this.closeChannel();
    this.stopping = makeError;
    if (this.channel) void this.stopRemote();
  }

  private async stopRemote(): Promise<void> {
    const pid = await this.pid.wait(PID_WAIT_MS);
    if (this.done || this.exit) return;
    if (pid === undefined) return this.giveUpStop('it never reported its process id');
    if (!(await signalSupervisor(this.client, pid, this.pid.marker)))
      return this.giveUpStop('the server would not open a second channel to send the stop request');
    if (this.done || this.exit) return;
    const seconds = Math.round((this.graceMs + STOP_SLACK_MS) / 1000);
    const forceClose = setTimeout(
      () => this.giveUpStop(`it was still running ${seconds} s after the request`),
      this.graceMs + STOP_SLACK_MS,
    );
    this.disposers.push(() => clearTimeout(forceClose));
  }

  private giveUpStop(reason: string): void {
    this.unconfirmed = reason;
    this.closeChannel();
  }

  private closeChannel(): void {
    this.channel?.close();
    const giveUp = setTimeout(() => this.finish(), CLOSE_ACK_MS);
    this.disposers.push(() => clearTimeout(giveUp));
  }

  private gotClose(which: 'channel' | 'stderr'): void {
    this.closed[which] = true;
    if (this.closed.channel && this.closed.stderr) this.finish();
  }

  private finish(): void {
    if (this.done) return;
    const tail = this.pid.end();
    this.guard(() =>
      this.deliverStderr(this.filter ? Buffer.concat([this.filter.push(tail), this.filter.flush()]) : tail),
    );
    if (this.stopping) return this.finishWith(this.stopping(this.stopOutcome()));
    if (this.connectionGone) return this.finishWith(errors.connectionLost(this.label, this.lostReason));
    this.finishWith({
      exitCode: this.exit?.code ?? null,
      signal: this.exit?.signal ?? null,
      stdout: this.stdout.bytes(),
      stderr: this.stderr.bytes(),
      truncated: { stdout: this.stdout.truncated, stderr: this.stderr.truncated },
      durationMs: Math.round(performance.now() - this.started),
    });
  }

  private stopOutcome(): errors.StopOutcome {
    if (this.unconfirmed) return { kind: 'unconfirmed', reason: this.unconfirmed };
    // The supervisor exits only once the command's processes are gone.
    if (this.exit) return { kind: 'stopped' };
    if (this.connectionGone) return { kind: 'unconfirmed', reason: 'the connection was lost' };
    return { kind: 'unconfirmed', reason: 'the server closed the channel without an exit status' };
  }

  private finishWith(outcome: ExecResult | CasekitError): void {
    if (this.done) return;
    this.done = true;
    for (const dispose of this.disposers.splice(0)) dispose();
    if (outcome instanceof Error) this.reject(outcome);
    else this.resolve(outcome);
  }
}
