import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { simpleParser, type ParsedMail } from 'mailparser';

const run = promisify(execFile);

export const BUNDLE = 'case-00012345-20260126T010203Z.tar.gz';

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A bundle folder laid out as `casekit pack` writes it, built here with the
 * real `cat` and `sha256sum` so these tests do not trust the packer's code:
 * parts of the given sizes (or the bundle alone for one size), `<bundle>.sha256`,
 * README.txt and SHA256SUMS. Returns each file's bytes by name.
 */
export async function makeBundle(dir: string, partSizes: readonly number[]): Promise<Map<string, Buffer>> {
  await fs.mkdir(dir, { recursive: true });
  const names =
    partSizes.length === 1
      ? [BUNDLE]
      : partSizes.map((_, index) => `${BUNDLE}.part${String(index + 1).padStart(3, '0')}`);
  for (const [index, name] of names.entries())
    await fs.writeFile(path.join(dir, name), randomBytes(partSizes[index] ?? 0));
  await fs.writeFile(
    path.join(dir, 'README.txt'),
    `Check with: sha256sum -c SHA256SUMS\r\nThen join: cat ${BUNDLE}.part* > ${BUNDLE}\n`,
  );
  if (names.length > 1) {
    await run('sh', ['-c', `cat "$1".part* > "$1" && sha256sum "$1" > "$1.sha256" && rm "$1"`, 'sh', BUNDLE], {
      cwd: dir,
    });
  } else {
    await run('sh', ['-c', `sha256sum "$1" > "$1.sha256"`, 'sh', BUNDLE], { cwd: dir });
  }
  const listed = (await fs.readdir(dir)).filter((name) => name !== 'SHA256SUMS').sort();
  const { stdout } = await run('sha256sum', listed, { cwd: dir });
  await fs.writeFile(path.join(dir, 'SHA256SUMS'), stdout);
  const contents = new Map<string, Buffer>();
  for (const name of [...listed, 'SHA256SUMS']) contents.set(name, await fs.readFile(path.join(dir, name)));
  return contents;
}

/** Parses a written .eml from disk with mailparser, as a mail client would read it. */
export async function parseEml(file: string): Promise<ParsedMail> {
  return simpleParser(createReadStream(file));
}

/**
 * Checks everything the messages promise, the way support would receive
 * them, and returns what went wrong as text (empty when all is well).
 */
export async function problemsWith(
  files: readonly string[],
  contents: ReadonlyMap<string, Buffer>,
  limit: number,
): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const file of files) {
    const { size } = await fs.stat(file);
    if (size > limit) problems.push(`${file}: ${size} bytes, over the limit of ${limit}`);
    const mail = await parseEml(file);
    if (!mail.subject?.startsWith('case 00012345: ')) problems.push(`${file}: subject ${String(mail.subject)}`);
    if (mail.messageId === undefined || mail.date === undefined) problems.push(`${file}: no Message-ID or Date`);
    if (!mail.text?.includes(`of ${files.length}. Attached here:`)) problems.push(`${file}: body does not say k of n`);
    for (const attachment of mail.attachments) {
      const name = attachment.filename ?? '(no name)';
      seen.set(name, (seen.get(name) ?? 0) + 1);
      const source = contents.get(name);
      if (source === undefined) problems.push(`${file}: attached ${name}, which the bundle does not hold`);
      else if (sha256(attachment.content) !== sha256(source)) problems.push(`${file}: ${name} differs from the source`);
      else if (attachment.size !== source.length) problems.push(`${file}: ${name} size ${attachment.size}`);
      if (attachment.contentDisposition !== 'attachment') problems.push(`${file}: ${name} is not an attachment`);
    }
  }
  for (const name of contents.keys()) {
    if (seen.get(name) !== 1) problems.push(`${name} attached ${seen.get(name) ?? 0} times across the messages`);
  }
  return problems;
}
