import { createHash, type Hash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { CasekitError } from '../../shared/error-codes';
import { errorMessage } from '../common/error-text';
import { parseSums, SUMS_FILE } from '../ship/ship-files';
import { parsePartName, partFileName } from './bundle-names';

export type VerifyProblemKind =
  | 'no-sums'
  | 'bad-sums'
  | 'missing'
  | 'mismatch'
  | 'no-bundle-checksum'
  | 'missing-part'
  | 'extra-part'
  | 'reassembly-mismatch';

export interface VerifyProblem {
  kind: VerifyProblemKind;
  /** The file it is about, when there is one. */
  name: string | null;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  outDir: string;
  bundleName: string | null;
  /** The bundle's parts found on disk, in order (the bundle itself when it is one file). */
  parts: string[];
  /** Files of SHA256SUMS whose checksum matched. */
  filesOk: number;
  filesListed: number;
  bytesChecked: number;
  problems: VerifyProblem[];
}

export interface VerifyProgress {
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  current: string | null;
}

export interface VerifyOptions {
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgress) => void;
}

/** Hashes a file into its own hash and any number of running ones. */
async function hashFile(
  file: string,
  into: Hash[],
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  const own = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024, signal }) as AsyncIterable<Buffer>) {
    own.update(chunk);
    for (const hash of into) hash.update(chunk);
    onBytes(chunk.length);
  }
  return own.digest('hex');
}

const problem = (kind: VerifyProblemKind, name: string | null, message: string): VerifyProblem => ({
  kind,
  name,
  message,
});

/** `<bundle>.sha256` among the listed names, and the checksum and name it holds. */
async function bundleChecksum(
  outDir: string,
  names: readonly string[],
  problems: VerifyProblem[],
): Promise<{ bundle: string; sha256: string } | null> {
  const candidates = names.filter((name) => name.endsWith('.sha256'));
  for (const name of candidates) {
    const text = await fs.readFile(path.join(outDir, name), 'utf8').catch(() => null);
    if (text === null) continue;
    try {
      const [entry, ...more] = parseSums(text);
      if (entry !== undefined && more.length === 0 && `${entry.name}.sha256` === name)
        return { bundle: entry.name, sha256: entry.sha256 };
    } catch {
      // reported below: no usable checksum file
    }
  }
  problems.push(
    problem(
      'no-bundle-checksum',
      candidates[0] ?? null,
      `No readable <bundle>.sha256 is listed in ${SUMS_FILE}, so the reassembled bundle cannot be checked. Pack the bundle again.`,
    ),
  );
  return null;
}

/**
 * Checks a bundle folder as support will: every file SHA256SUMS lists exists
 * and matches, and the parts, in order, put together give the checksum in
 * `<bundle>.sha256`. Parts missing from the sequence or not listed are named.
 * Files that are no part and not listed (a channel's journal) are left alone.
 */
export async function verifyBundle(outDir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const result: VerifyResult = {
    ok: false,
    outDir,
    bundleName: null,
    parts: [],
    filesOk: 0,
    filesListed: 0,
    bytesChecked: 0,
    problems: [],
  };
  const { problems } = result;
  let sumsText: string;
  try {
    sumsText = await fs.readFile(path.join(outDir, SUMS_FILE), 'utf8');
  } catch (error) {
    problems.push(
      problem(
        'no-sums',
        SUMS_FILE,
        `${outDir} has no readable ${SUMS_FILE} (${errorMessage(error)}): it is not a folder made by "casekit pack".`,
      ),
    );
    return result;
  }
  let listed: { name: string; sha256: string }[];
  try {
    listed = parseSums(sumsText);
  } catch (error) {
    problems.push(problem('bad-sums', SUMS_FILE, error instanceof CasekitError ? error.message : errorMessage(error)));
    return result;
  }
  result.filesListed = listed.length;
  const onDisk = await fs.readdir(outDir);
  const checksum = await bundleChecksum(
    outDir,
    listed.map((entry) => entry.name),
    problems,
  );
  const bundle = checksum?.bundle ?? null;
  result.bundleName = bundle;

  // The bundle's parts, listed or not, by number; 0 is the whole bundle in one file.
  const partNumber = (name: string) => (bundle === null ? null : parsePartName(name, bundle));
  const listedParts = listed.filter((entry) => partNumber(entry.name) !== null);
  const numbered = listedParts
    .map((entry) => partNumber(entry.name) ?? 0)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  const count = numbered.at(-1) ?? 0;
  if (bundle !== null) {
    for (const name of onDisk) {
      if (partNumber(name) !== null && !listed.some((entry) => entry.name === name)) {
        // a bundle put together in this folder, as README.txt says, is not an extra part
        if (name === bundle && count > 0) continue;
        problems.push(
          problem(
            'extra-part',
            name,
            `${name} looks like a part of ${bundle} but ${SUMS_FILE} does not list it: it is not from this pack. Remove it.`,
          ),
        );
      }
    }
    for (let n = 1; n <= count; n++) {
      if (!numbered.includes(n)) {
        const name = partFileName(bundle, n, count);
        problems.push(
          problem(
            'missing-part',
            name,
            `${name} is missing from the sequence of parts (and from ${SUMS_FILE}): the bundle cannot be put together.`,
          ),
        );
      }
    }
  }

  const order = [...listed].sort((a, b) => (partNumber(a.name) ?? Infinity) - (partNumber(b.name) ?? Infinity));
  const whole = createHash('sha256');
  const progress: VerifyProgress = {
    bytesDone: 0,
    bytesTotal: 0,
    filesDone: 0,
    filesTotal: listed.length,
    current: null,
  };
  for (const entry of listed)
    progress.bytesTotal += (await fs.stat(path.join(outDir, entry.name)).catch(() => null))?.size ?? 0;
  let reassembled = listedParts.length > 0;
  for (const entry of order) {
    options.signal?.throwIfAborted();
    const isPart = partNumber(entry.name) !== null;
    progress.current = entry.name;
    options.onProgress?.({ ...progress });
    let actual: string;
    try {
      actual = await hashFile(
        path.join(outDir, entry.name),
        isPart ? [whole] : [],
        (n) => {
          progress.bytesDone += n;
          result.bytesChecked += n;
        },
        options.signal,
      );
    } catch (error) {
      options.signal?.throwIfAborted();
      if (isPart) reassembled = false;
      problems.push(
        problem(
          isPart ? 'missing-part' : 'missing',
          entry.name,
          `${entry.name}, listed in ${SUMS_FILE}, cannot be read (${errorMessage(error)}).`,
        ),
      );
      continue;
    }
    progress.filesDone++;
    if (actual === entry.sha256) result.filesOk++;
    else
      problems.push(
        problem(
          'mismatch',
          entry.name,
          `${entry.name} does not match its checksum in ${SUMS_FILE}: it was changed or damaged. Copy or download it again.`,
        ),
      );
  }
  if (checksum !== null && listedParts.length === 0) {
    problems.push(
      problem('missing-part', checksum.bundle, `${SUMS_FILE} lists neither ${checksum.bundle} nor any of its parts.`),
    );
  } else if (checksum !== null && reassembled && count === numbered.length) {
    const sha256 = whole.digest('hex');
    if (sha256 !== checksum.sha256) {
      problems.push(
        problem(
          'reassembly-mismatch',
          checksum.bundle,
          `The parts put together do not give the checksum in ${checksum.bundle}.sha256: a part is damaged, out of order or from another pack.`,
        ),
      );
    }
  }
  if (checksum !== null && count > 0 && onDisk.includes(checksum.bundle)) {
    // Put together here already (README.txt says how): check it too.
    const sha256 = await hashFile(
      path.join(outDir, checksum.bundle),
      [],
      (n) => (result.bytesChecked += n),
      options.signal,
    );
    if (sha256 !== checksum.sha256) {
      problems.push(
        problem(
          'reassembly-mismatch',
          checksum.bundle,
          `${checksum.bundle}, put together in this folder, does not match ${checksum.bundle}.sha256. Delete it and put the parts together again.`,
        ),
      );
    }
  }
  result.parts = order.filter((entry) => partNumber(entry.name) !== null).map((entry) => entry.name);
  progress.current = null;
  options.onProgress?.({ ...progress });
  result.ok = problems.length === 0;
  return result;
}
