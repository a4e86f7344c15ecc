import { promises as fs } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';
import { errnoCode, errorMessage, ioError } from './error-text';
import { findJsonErrorOffset, positionOf } from './json-error-position';

/**
 * Every document Casekit keeps on disk is a JSON object with a `schemaVersion`
 * beside its data. Reading never throws for bad content: the caller gets a
 * status and decides, and no caller may overwrite a `corrupt` or `newer` file.
 */
export type ReadResult<T> =
  | { status: 'ok'; data: T; version: number }
  | { status: 'missing' }
  | { status: 'corrupt'; message: string }
  | { status: 'newer'; version: number };

export interface ReadOptions<T> {
  currentVersion: number;
  schema: z.ZodType<T>;
  /** Upgrades data written in an older format version; without it older versions are corrupt. */
  migrate?: (data: Record<string, unknown>, fromVersion: number) => unknown;
  /** How messages name the file, e.g. "case file". */
  label?: string;
}

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Writes `{schemaVersion, ...data}` atomically (temp file, fsync, rename), readable by the owner only. */
export async function writeJsonDocument(file: string, schemaVersion: number, data: object): Promise<void> {
  // schemaVersion is set twice: first so it leads the file, last so data can never override it.
  const envelope = Object.assign({ schemaVersion }, data, { schemaVersion });
  const text = `${JSON.stringify(envelope, null, 2)}\n`;
  try {
    await fs.mkdir(path.dirname(file), { recursive: true, mode: DIR_MODE });
    await writeFileAtomic(file, text, { mode: FILE_MODE, fsync: true });
  } catch (err) {
    throw ioError(`write ${file}`, err);
  }
}

/** Reads a versioned document; only a failure to read the bytes at all is thrown (as IO_ERROR). */
export async function readJsonDocument<T>(file: string, opts: ReadOptions<T>): Promise<ReadResult<T>> {
  const label = opts.label ?? 'file';
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    // ENOTDIR: a parent on the path is a file, so the document cannot exist either.
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
    throw ioError(`read the ${label} ${file}`, err);
  }
  return parseJsonDocument(text, file, opts);
}

/** The pure half of `readJsonDocument`, separate so each corrupt case is easy to test. */
export function parseJsonDocument<T>(text: string, file: string, opts: ReadOptions<T>): ReadResult<T> {
  const name = `The ${opts.label ?? 'file'} ${file}`;
  const corrupt = (why: string): ReadResult<T> => ({ status: 'corrupt', message: `${name} ${why}.` });

  // Editors on Windows like to add a byte-order mark; it is not part of the JSON.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return corrupt('is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (err) {
    return corrupt(`is not valid JSON (${describeSyntaxError(body, err)})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return corrupt('does not hold a JSON object');

  const { schemaVersion: version, ...data } = raw as Record<string, unknown>;
  if (version === undefined) return corrupt('has no schemaVersion, so Casekit cannot tell which format it is in');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return corrupt(`has an invalid schemaVersion (${JSON.stringify(version)}); it must be a whole number from 1 up`);
  }
  if (version > opts.currentVersion) return { status: 'newer', version };

  let candidate: unknown = data;
  if (version < opts.currentVersion) {
    if (opts.migrate === undefined) {
      return corrupt(
        `is in format version ${version}, which this Casekit cannot upgrade to version ${opts.currentVersion}`,
      );
    }
    try {
      candidate = opts.migrate(data, version);
    } catch (err) {
      return corrupt(`could not be upgraded from format version ${version} (${errorMessage(err)})`);
    }
  }

  const parsed = opts.schema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.map(String).join('.')}: `;
    return corrupt(`does not match the expected format (${where}${issue?.message ?? 'unknown problem'})`);
  }
  return { status: 'ok', data: parsed.data, version };
}

function describeSyntaxError(text: string, err: unknown): string {
  // V8 either quotes a snippet of the file or gives an offset; a line and column are more useful than both.
  const reason = errorMessage(err)
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/ (?:in JSON )?at position \d+.*$/s, '');
  const offset = findJsonErrorOffset(text);
  if (offset === null) return reason;
  const { line, column } = positionOf(text, offset);
  return `${reason} at line ${line}, column ${column}`;
}
