import { randomBytes, randomUUID } from 'node:crypto';
import { formatByteSize } from '../../../shared/byte-size';
import { CasekitError } from '../../../shared/error-codes';
import { isPartName } from '../bundle-name';
import { SUMS_FILE } from '../ship-files';
import type { ShipFile } from '../ship-types';
import { largestFitting, messageSize, type MessageSpec } from './email-mime';
import { messageSubject, messageText, type BundleFacts } from './email-text';

export interface PlanInput {
  from: string;
  to: string;
  facts: BundleFacts;
  files: readonly ShipFile[];
  summary: string | undefined;
  limit: number;
  date: Date;
}

export interface PlannedMessage {
  spec: MessageSpec;
  /** Exact size of the message as it will be written. */
  size: number;
}

/** A part too big for a message of its own; `partSize` is what `casekit pack --part-size` should use instead. */
export class PartTooLargeError extends CasekitError {
  constructor(
    readonly file: string,
    readonly partSize: number,
    message: string,
  ) {
    super('PART_TOO_LARGE', message);
  }
}

// Padding for counts the suggestion cannot know yet (messages and files after packing again).
const MANY = 99_999;
const MAX_ROUNDS = 8;

/** Message-IDs and boundaries per message number, the same while planning and writing. */
function identities(from: string): (k: number) => { messageId: string; baseBoundary: string } {
  const domain = from.slice(from.lastIndexOf('@') + 1);
  const made = new Map<number, { messageId: string; baseBoundary: string }>();
  return (k) => {
    let identity = made.get(k);
    if (identity === undefined) {
      identity = { messageId: `<${randomUUID()}@${domain}>`, baseBoundary: randomBytes(12).toString('hex') };
      made.set(k, identity);
    }
    return identity;
  };
}

function specFor(
  input: PlanInput,
  identity: (k: number) => { messageId: string; baseBoundary: string },
  k: number,
  n: number,
  files: readonly ShipFile[],
): MessageSpec {
  return {
    from: input.from,
    to: input.to,
    subject: messageSubject(input.facts, k, n),
    text: messageText(input.summary, input.facts, k, n, files),
    date: input.date,
    ...identity(k),
    files,
  };
}

/**
 * The largest part that fits in a message of its own, counted for the bundle
 * packed again: a part name as pack writes it, and counts padded to the most
 * digits they could take, so the answer is safe for the bundle to come.
 */
export async function largestPartFor(input: PlanInput): Promise<number> {
  const longest = input.files
    .filter((file) => file.name !== SUMS_FILE)
    .reduce((name, file) => (file.name.length > name.length ? file.name : name), '');
  const name = isPartName(longest) ? longest : `${longest}.part001`;
  const facts: BundleFacts = { ...input.facts, fileCount: MANY, names: [...input.facts.names, name] };
  const listed = { name, size: input.limit, sha256: 'f'.repeat(64) };
  const spec: MessageSpec = {
    from: input.from,
    to: input.to,
    subject: messageSubject(facts, MANY, MANY),
    text: messageText(input.summary, facts, MANY, MANY, [listed]),
    date: input.date,
    messageId: `<${randomUUID()}@${input.from.slice(input.from.lastIndexOf('@') + 1)}>`,
    baseBoundary: randomBytes(12).toString('hex'),
    files: [{ name, path: '', size: 0, sha256: listed.sha256 }],
  };
  return largestFitting(input.limit - (await messageSize(spec)));
}

/** Rounded down to three significant digits, so it reads well as `--part-size` and still fits. */
function roundDown(bytes: number): number {
  if (bytes < 1000) return bytes;
  const step = 10 ** (Math.floor(Math.log10(bytes)) - 2);
  return Math.floor(bytes / step) * step;
}

async function tooLarge(input: PlanInput, file: ShipFile, size: number): Promise<CasekitError> {
  const part = await largestPartFor(input);
  const limitText = `${input.limit} bytes (${formatByteSize(input.limit)})`;
  if (part < 1) {
    return new CasekitError(
      'INVALID_INPUT',
      `A mail limit of ${limitText} leaves no room for attachments after the message's headers and text. Use a larger limit.`,
    );
  }
  const suggested = roundDown(part);
  return new PartTooLargeError(
    file.name,
    suggested,
    `${file.name} (${formatByteSize(file.size)}) makes a message of ${formatByteSize(size)} on its own, over the ` +
      `mail limit of ${limitText}: base64 makes attachments about a third larger. Pack again with ` +
      `--part-size ${suggested} (${formatByteSize(suggested)}), or raise --limit if the mail server takes more.`,
  );
}

/**
 * First-fit in bundle order: each file goes into the first message with room
 * for it (small files fill the gaps the parts leave), every message at most
 * `limit` bytes when numbered out of `n`.
 */
async function batchesFor(
  input: PlanInput,
  identity: (k: number) => { messageId: string; baseBoundary: string },
  n: number,
): Promise<ShipFile[][]> {
  const batches: ShipFile[][] = [];
  for (const file of input.files) {
    let placed = false;
    for (const [index, batch] of batches.entries()) {
      if ((await messageSize(specFor(input, identity, index + 1, n, [...batch, file]))) <= input.limit) {
        batch.push(file);
        placed = true;
        break;
      }
    }
    if (placed) continue;
    const alone = await messageSize(specFor(input, identity, batches.length + 1, n, [file]));
    if (alone > input.limit) throw await tooLarge(input, file, alone);
    batches.push([file]);
  }
  return batches;
}

/**
 * Splits the files into messages under the limit. The text says "k of n", so
 * sizes depend on how many digits n has: plan with a guess, and plan again
 * until the count has the digits the guess had.
 */
export async function planMessages(input: PlanInput): Promise<PlannedMessage[]> {
  const identity = identities(input.from);
  let guess = 1;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const batches = await batchesFor(input, identity, guess);
    if (String(batches.length).length === String(guess).length) {
      const n = batches.length;
      return Promise.all(
        batches.map(async (files, index) => {
          const spec = specFor(input, identity, index + 1, n, files);
          return { spec, size: await messageSize(spec) };
        }),
      );
    }
    guess = batches.length;
  }
  throw new CasekitError(
    'INTERNAL',
    'The e-mail messages could not be planned: the count kept changing. Please report this.',
  );
}
