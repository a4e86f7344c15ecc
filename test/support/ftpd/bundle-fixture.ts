import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A bundle folder shaped like `casekit pack`'s output: parts of random bytes,
 * the bundle's .sha256, README.txt, and SHA256SUMS written by the real sha256sum.
 */
export function makeBundle(dir: string, partSizes: number[], stem = 'case-00012345-20261126T000000Z.tar.gz'): string[] {
  mkdirSync(dir, { recursive: true });
  const names = partSizes.map((_, i) => `${stem}.part${String(i + 1).padStart(3, '0')}`);
  partSizes.forEach((size, i) => writeFileSync(path.join(dir, names[i]!), randomBytes(size)));
  const whole = execFileSync('sh', ['-c', `cat ${names.map((n) => `'${n}'`).join(' ')} | sha256sum`], { cwd: dir })
    .toString()
    .split(' ')[0];
  writeFileSync(path.join(dir, `${stem}.sha256`), `${whole}  ${stem}\n`);
  writeFileSync(path.join(dir, 'README.txt'), 'Reassemble with cat, then check with sha256sum -c.\n');
  const listed = [...names, `${stem}.sha256`, 'README.txt'];
  writeFileSync(path.join(dir, 'SHA256SUMS'), execFileSync('sha256sum', listed, { cwd: dir }));
  return [...listed, 'SHA256SUMS'];
}

/** `sha256sum` of every file in a folder, by name: what the server's disk holds. */
export function sumsOf(dir: string): Record<string, string> {
  const names = readdirSync(dir).filter((name) => statSync(path.join(dir, name)).isFile());
  if (names.length === 0) return {};
  const out = execFileSync('sha256sum', names.sort(), { cwd: dir }).toString();
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((line) => {
        const [sum, name] = line.split(/ [ *]/);
        return [name!, sum!];
      }),
  );
}

/** Puts a file into the server's folder as the FTP user owns it (so the server may append to or replace it). */
export function placeOnServer(folder: string, name: string, content: Buffer, owner: number): void {
  mkdirSync(folder, { recursive: true });
  chownSync(folder, owner, owner);
  writeFileSync(path.join(folder, name), content);
  chownSync(path.join(folder, name), owner, owner);
}
