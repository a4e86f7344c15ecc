import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RedactOutcome } from '../engine/types';
import type { RedactorPort } from './engine-port';

/** The engine counts what it replaces in names under this key of the report. */
export const NAMES_FILE = '(file and member names)';

/** Where the leak check reports what it finds in the names of a file and its members. */
export const namesPathOf = (shown: string): string => `${shown}!/(names)`;

/**
 * `text` (a file or member name, a link target, a reason) with what it holds
 * redacted by the engine, exactly as in file contents: the same value gets the
 * same pseudonym in a name as in a log.
 */
export async function redactText(redactor: RedactorPort, text: string): Promise<string> {
  if (text === '') return text;
  const chunks: Buffer[] = [];
  await pipeline(
    Readable.from([Buffer.from(text, 'utf8')]),
    redactor.redact(NAMES_FILE),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(chunks).toString('utf8');
}

/** Several texts through one Redactor, and what it learned and counted doing it. */
export async function redactTexts(
  redactor: RedactorPort,
  texts: readonly string[],
): Promise<{ texts: string[]; outcome: RedactOutcome }> {
  const out: string[] = [];
  for (const text of texts) out.push(await redactText(redactor, text));
  return { texts: out, outcome: redactor.outcome() };
}
