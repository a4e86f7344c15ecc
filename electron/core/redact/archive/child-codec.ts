import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Duplex } from 'node:stream';

const STDERR_KEEP = 2000;

/**
 * A program that reads stdin and writes stdout (bzip2 -c, bzip2 -dc) as one
 * Duplex. Its output ends only after the program exited 0: a decoder that
 * finds a checksum error after writing data must fail the stream, not end it.
 */
export class ChildCodec extends Duplex {
  private readonly child: ChildProcessWithoutNullStreams;
  private stderr = '';
  private settled = false;

  constructor(
    readonly program: string,
    args: string[],
    private readonly describeFailure: (code: number | null, stderr: string) => Error,
    private readonly describeMissing: () => Error,
  ) {
    super();
    this.child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.child.stdout.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) this.child.stdout.pause();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < STDERR_KEEP) this.stderr += chunk.toString('utf8').slice(0, STDERR_KEEP);
    });
    // A program that stopped early closes its stdin; its exit status says why.
    this.child.stdin.on('error', () => undefined);
    this.child.on('error', (error: NodeJS.ErrnoException) => {
      this.settle(error.code === 'ENOENT' ? this.describeMissing() : error);
    });
    this.child.on('close', (code) => {
      this.settle(code === 0 ? null : this.describeFailure(code, this.stderr.trim()));
    });
  }

  private settle(error: Error | null): void {
    if (this.settled) return;
    this.settled = true;
    if (error === null) this.push(null);
    else this.destroy(error);
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.child.stdin.destroyed) return callback();
    this.child.stdin.write(chunk, () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.child.stdin.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.settled = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    callback(error);
  }
}
