import type { CasekitError } from '../../../shared/error-codes';
import type { ExecControl, StderrFilter } from './exec-remote';
import { MarkerScanner } from './marker-scanner';
import { OutputCollector } from './output-collector';

// sudo's own messages are a few lines; more than this is not worth keeping for an error message.
const HELD_LIMIT = 64 * 1024;

/**
 * Sits on stderr of `sudo … -- <supervisor>` and speaks for Casekit there.
 *
 * The password is written only when sudo's prompt (a random marker passed
 * with -p) actually appears: written earlier, it would reach the command's
 * stdin whenever sudo does not ask (NOPASSWD, cached credentials, a sudoers
 * change since the last check). A second prompt means sudo rejected it; the
 * password is never written twice.
 *
 * The root supervisor prints another marker once the command has started.
 * Until then, everything on stderr is sudo talking and is held back: if sudo
 * refuses, it explains why (`said`); if the command starts, it is passed on.
 * The caller's stdin is also held until then, so sudo cannot read it as a password.
 */
export class SudoGate implements StderrFilter {
  started = false;
  private control: ExecControl | undefined;
  private prompts = 0;
  private readonly held = new OutputCollector(HELD_LIMIT);
  private readonly startScanner: MarkerScanner;
  private readonly promptScanner: MarkerScanner | undefined;

  constructor(
    startMarker: string,
    private readonly prompt: { marker: string; password: string; rejected: () => CasekitError } | undefined,
    private readonly stdin: string | Buffer | undefined,
  ) {
    this.startScanner = new MarkerScanner(startMarker, true, () => this.commandStarted());
    this.promptScanner = prompt && new MarkerScanner(prompt.marker, false, () => this.promptSeen());
  }

  attach(control: ExecControl): StderrFilter {
    this.control = control;
    return this;
  }

  push(chunk: Buffer): Buffer {
    const withoutPrompt = this.promptScanner ? this.promptScanner.push(chunk) : chunk;
    const wasStarted = this.started;
    return this.release(this.startScanner.push(withoutPrompt), wasStarted);
  }

  flush(): Buffer {
    const fromPrompt = this.promptScanner?.flush() ?? Buffer.alloc(0);
    const wasStarted = this.started;
    return this.release(Buffer.concat([this.startScanner.push(fromPrompt), this.startScanner.flush()]), wasStarted);
  }

  private release(data: Buffer, wasStarted: boolean): Buffer {
    if (!this.started) {
      this.held.add(data);
      return Buffer.alloc(0);
    }
    // What sudo said before the command started (a warning about the host name, say) is passed on too.
    return wasStarted ? data : Buffer.concat([this.held.bytes(), data]);
  }

  /** What sudo wrote before it gave up (markers removed): the reason it refused. */
  said(): string {
    return this.held.bytes().toString();
  }

  private promptSeen(): void {
    this.prompts += 1;
    if (!this.prompt || !this.control) return;
    if (this.prompts === 1) this.control.write(`${this.prompt.password}\n`);
    else this.control.fail(this.prompt.rejected());
  }

  private commandStarted(): void {
    this.started = true;
    if (!this.control) return;
    if (this.stdin !== undefined) this.control.write(this.stdin);
    this.control.end();
  }
}
