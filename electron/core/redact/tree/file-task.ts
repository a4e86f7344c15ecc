import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { LeakFinding, RedactOutcome } from '../engine/types';
import { isUnusableContent } from '../archive/content-errors';
import type { ReadVisitor } from '../archive/read-context';
import { readContent } from '../archive/read-content';
import { rewriteContent } from '../archive/rewrite-content';
import { Spool } from '../archive/spool';
import type { LeakCheckerPort, RedactorPort, WorkerEngine } from './engine-port';
import { namesPathOf, redactText } from './redact-text';
import type { FileResult, FileTask, LeftOut, PhaseSetup } from './task-types';

export type PhaseResult = { outcome: RedactOutcome } | { findings: LeakFinding[] };

/** Counts the bytes read from a file for progress. */
function counted(input: Readable, onBytes: (bytes: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
  input.on('error', (error) => counter.destroy(error));
  counter.on('close', () => input.destroy());
  return input.pipe(counter);
}

const baseName = (rel: string): string => rel.split('/').pop() ?? rel;

/**
 * The work on one file in one pass, in whatever thread runs it: a worker, or
 * the main thread in tests. One Redactor (or LeakChecker) serves every file
 * of a pass in this thread; its outcome is collected when the pass ends.
 */
export class TaskHandler<M> {
  private setup: PhaseSetup<M> | null = null;
  private redactor: RedactorPort | null = null;
  private checker: LeakCheckerPort | null = null;

  constructor(private readonly engine: WorkerEngine<M>) {}

  startPhase(setup: PhaseSetup<M>): void {
    this.setup = setup;
    this.redactor = setup.phase === 'check' ? null : this.engine.createRedactor(setup.map, setup.config);
    this.checker = setup.phase === 'check' ? this.engine.createLeakChecker(setup.map, setup.config) : null;
  }

  finishPhase(): PhaseResult {
    const result: PhaseResult =
      this.checker !== null
        ? { findings: this.checker.findings() }
        : { outcome: this.required(this.redactor).outcome() };
    this.setup = null;
    this.redactor = null;
    this.checker = null;
    return result;
  }

  async run(task: FileTask, onBytes: (bytes: number) => void, signal?: AbortSignal): Promise<FileResult> {
    const setup = this.required(this.setup);
    if (setup.phase !== task.phase) throw new Error(`a ${task.phase} task arrived during the ${setup.phase} pass`);
    const spool = new Spool(setup.spoolDir);
    let read = 0;
    const count = (bytes: number) => {
      read += bytes;
      onBytes(bytes);
    };
    const source = task.phase === 'check' ? task.part : task.job.abs;
    const input = counted(createReadStream(source), count);
    const ctx = { spool, signal };
    const name = baseName(task.job.rel);
    let result: FileResult;
    switch (task.phase) {
      case 'learn':
        result = await this.learn(ctx, setup, task.job.rel, name, input, source);
        break;
      case 'redact':
        result = await this.redact(ctx, setup, task, name, input);
        break;
      case 'check':
        await this.check(ctx, task.shown, name, input, source);
        result = { phase: 'check', rel: task.job.rel };
        break;
    }
    // a zip is read in place, not through `input`: count what was not seen, so totals add up
    const { size } = await fs.stat(source);
    if (size > read) onBytes(size - read);
    return result;
  }

  private async learn(
    ctx: { spool: Spool; signal?: AbortSignal },
    setup: PhaseSetup<M>,
    rel: string,
    name: string,
    input: Readable,
    file: string,
  ): Promise<FileResult> {
    const redactor = this.required(this.redactor);
    const leftOut: LeftOut[] = [];
    let whole: string | null = null;
    const visitor: ReadVisitor = {
      text: (at) => redactor.learn(at),
      binary: (at, reason) => {
        if (setup.includeBinary) return;
        if (at === rel) whole = reason;
        else leftOut.push({ path: at, reason });
      },
      unusable: (at, error) => {
        leftOut.push({ path: at, reason: error.message });
        return true;
      },
    };
    try {
      await readContent(ctx, visitor, name, rel, input, 0, file);
    } catch (error) {
      if (!isUnusableContent(error)) throw error;
      whole = error.message;
    }
    return { phase: 'learn', rel, whole, leftOut: whole === null ? leftOut : [] };
  }

  private async redact(
    ctx: { spool: Spool; signal?: AbortSignal },
    setup: PhaseSetup<M>,
    task: Extract<FileTask, { phase: 'redact' }>,
    name: string,
    input: Readable,
  ): Promise<FileResult> {
    const redactor = this.required(this.redactor);
    const leftOut: LeftOut[] = [];
    const output = await rewriteContent(
      {
        ...ctx,
        redact: (at) => redactor.redact(at),
        scanBinary: (at) => redactor.scanBinary(at),
        rename: (text) => redactText(redactor, text),
        includeBinary: setup.includeBinary,
        leftOut: new Map(task.leftOut.map((entry) => [entry.path, entry.reason])),
        onLeftOut: (at, reason) => leftOut.push({ path: at, reason }),
      },
      name,
      { path: task.job.rel, shown: task.shown },
      input,
      0,
      task.job.abs,
    );
    await fs.mkdir(path.dirname(task.part), { recursive: true });
    await pipeline(output, createWriteStream(task.part, { mode: 0o600 }), { signal: ctx.signal });
    const source = await fs.stat(task.job.abs);
    await fs.chmod(task.part, source.mode & 0o777);
    await fs.utimes(task.part, source.atime, source.mtime);
    const { size } = await fs.stat(task.part);
    return { phase: 'redact', rel: task.job.rel, bytesOut: size, leftOut };
  }

  /**
   * Leak-checks the output: its text, through archives and compression, and
   * its names (its own path, then every member's name and link target, one a
   * line, as `<path>!/(names)`).
   */
  private async check(
    ctx: { spool: Spool; signal?: AbortSignal },
    shown: string,
    name: string,
    input: Readable,
    file: string,
  ): Promise<void> {
    const checker = this.required(this.checker);
    const names = checker.scan(namesPathOf(shown));
    const nameLine = (text: string) => names.write(`${text.replaceAll('\n', ' ')}\n`);
    nameLine(shown);
    const visitor: ReadVisitor = {
      text: (at) => checker.scan(at),
      // included binaries are scanned by the Redactor and reported, not leak-checked
      binary: () => undefined,
      unusable: () => false,
      entry: (_archive, entry, target) => nameLine(target === null ? entry : `${entry} -> ${target}`),
    };
    try {
      await readContent(ctx, visitor, name, shown, input, 0, file);
    } finally {
      names.end();
    }
    await finished(names, { readable: false });
  }

  private required<T>(value: T | null): T {
    if (value === null) throw new Error('a task arrived outside a pass; start the pass first');
    return value;
  }
}
