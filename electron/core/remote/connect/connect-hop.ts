import net from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2, { type Client, type ParsedKey } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { algorithmsFor } from './algorithms';
import { AuthFlow } from './auth-flow';
import type { AuthMethodName, ConnectOptions } from './connect-types';
import { Deadline } from './deadline';
import { HostKeyGate } from './host-key-gate';
import { KexCapture } from './kex-capture';
import { closedDuringLogin, forwardError, mapConnectError, timeoutError, type ConnectPhase } from './ssh-errors';
import type { SshTarget } from './ssh-target';

export interface HopOptions extends Omit<ConnectOptions, 'target'> {
  target: SshTarget;
  where: string;
  /** The logged-in previous hop to tunnel through, with how messages name it; null dials TCP directly. */
  via: { client: Client; where: string } | null;
  homedir: string;
  unlocked: Map<string, ParsedKey>;
}

export interface ConnectedHop {
  client: Client;
  hostKey: { type: string; fingerprint: string };
  authMethod: AuthMethodName;
  /** The error that ended the connection after login, if one did. */
  lastError(): CasekitError | null;
  /** Settles when the connection has closed, for whatever reason. */
  ended: Promise<void>;
}

export const DEFAULT_READY_TIMEOUT_MS = 20_000;
export const DEFAULT_KEEPALIVE_MS = 15_000;
const KEEPALIVE_COUNT_MAX = 4;

/** Connects and logs in to one hop; the host key is settled before ssh2 sends any credential. */
export async function connectHop(options: HopOptions): Promise<ConnectedHop> {
  const { target, where, signal } = options;
  const legacy = target.legacyAlgorithms;
  const knownKeyTypes = await options.hostKeys.knownKeyTypes(target.host, target.port);
  const timeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;

  return new Promise<ConnectedHop>((resolve, reject) => {
    const client = new ssh2.Client();
    const kex = new KexCapture();
    let phase: ConnectPhase = 'tcp';
    let settled = false;
    let sock: Duplex | null = null;
    let committing: Promise<void> = Promise.resolve();
    const deadline = new Deadline(timeoutMs, () => fail(timeoutError(where, phase, timeoutMs)));
    const waitForUser = deadline.waitForUser;
    const gate = new HostKeyGate({
      store: options.hostKeys,
      target,
      where,
      onUnknownHostKey: (info) => options.onUnknownHostKey(info),
      waitForUser,
    });
    const auth = new AuthFlow({
      target,
      where,
      prompts: options.prompts,
      agent: options.agent ?? null,
      homedir: options.homedir,
      unlocked: options.unlocked,
      waitForUser,
      serverAnswered: () => deadline.restart(),
    });

    const onAbort = () => fail(new CasekitError('CANCELLED', `Connecting to ${where} was cancelled.`));
    const failWith = (err: unknown) =>
      fail(gate.failure ?? auth.failure ?? mapConnectError(err, { where, kex, legacy }));

    const onError = (err: Error & { level?: string }) => {
      if (err.level === 'agent') {
        // The agent failing is one method failing; ssh2 goes on to the next. A key that would not unlock is fatal.
        if (auth.failure !== null) return fail(auth.failure);
        if (!/^no passphrase given/.test(err.message)) auth.note(`the SSH agent could not be used (${err.message})`);
        return;
      }
      if (err.level === 'client-authentication') {
        if (err.message === 'All configured authentication methods failed') return fail(auth.exhausted());
        return auth.note(err.message);
      }
      failWith(err);
    };
    const onClose = () => fail(gate.failure ?? auth.failure ?? closedDuringLogin(where));
    const onHandshake = () => {
      phase = 'login';
      deadline.restart();
      kex.stop();
      committing = gate.commit();
      committing.catch(failWith);
    };
    const onChangePassword = () =>
      fail(
        new CasekitError(
          'AUTH_FAILED',
          `${where} requires a new password for "${target.user}" before anyone may log in. Log in once with ssh in a terminal to change it, then connect again.`,
        ),
      );
    const onReady = () => {
      committing.then(() => {
        const hostKey = gate.hostKey;
        // ssh2 reaches 'ready' only after hostVerifier accepted a key, so this is a broken invariant, not a user error.
        if (hostKey === null)
          return fail(new CasekitError('INTERNAL', `${where} logged in without a checked host key.`));
        if (settled) return;
        finish();
        let lastError: CasekitError | null = null;
        // A re-key can still fail the host-key check (the gate keeps why); keepalive loss and resets land here too.
        client.on('error', (err) => (lastError = gate.failure ?? mapConnectError(err, { where })));
        const ended = new Promise<void>((done) => client.once('close', done));
        resolve({ client, hostKey, authMethod: auth.method, lastError: () => lastError, ended });
      }, failWith);
    };
    client
      .on('error', onError)
      .on('close', onClose)
      .on('handshake', onHandshake)
      .on('change password', onChangePassword)
      .on('ready', onReady);

    function finish(): void {
      settled = true;
      auth.stop();
      deadline.clear();
      kex.stop();
      signal?.removeEventListener('abort', onAbort);
      client
        .off('error', onError)
        .off('close', onClose)
        .off('handshake', onHandshake)
        .off('change password', onChangePassword)
        .off('ready', onReady);
    }
    function fail(err: CasekitError): void {
      if (settled) return;
      finish();
      // ssh2 may still emit after we gave up; an 'error' without a listener would crash the process.
      client.on('error', () => undefined);
      client.destroy();
      sock?.destroy();
      reject(err);
    }

    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    deadline.start();

    const start = (stream: Duplex) => {
      sock = stream;
      client.connect({
        sock: stream,
        host: target.host,
        port: target.port,
        username: target.user,
        hostVerifier: gate.verifier,
        authHandler: auth.handler,
        algorithms: algorithmsFor(legacy, knownKeyTypes),
        // Our Deadline replaces readyTimeout, which would also count the time the user spends reading prompts.
        readyTimeout: 0,
        keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_MS,
        keepaliveCountMax: KEEPALIVE_COUNT_MAX,
        debug: kex.debug,
      });
    };
    if (options.via === null) {
      const socket = net.connect({
        host: target.host,
        port: target.port,
        ...(options.lookup ? { lookup: options.lookup } : {}),
      });
      socket.once('connect', () => (phase = 'ssh'));
      start(socket);
    } else {
      const { client: previous, where: previousWhere } = options.via;
      previous.forwardOut('127.0.0.1', 0, target.host, target.port, (err, stream) => {
        if (err) return fail(forwardError(err, previousWhere, where));
        if (settled) return void stream.destroy();
        phase = 'ssh';
        start(stream);
      });
    }
  });
}
