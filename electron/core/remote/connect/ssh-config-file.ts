import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CasekitError } from '../../../shared/error-codes';
import { errnoCode, ioError } from '../../common/error-text';

const MAX_INCLUDE_DEPTH = 16; // OpenSSH's READCONF_MAX_DEPTH
const SECTION = /^\s*(Host|Match)[\s=]/i;
const INCLUDE = /^\s*Include(?:\s*=\s*|\s+)(.+?)\s*$/i;

/**
 * The text of ~/.ssh/config with its `Include` lines replaced by the files
 * they name, ready for resolveTarget. The ssh-config parser does not follow
 * Include, and configs written by tools (OrbStack, Colima, VS Code) rely on it.
 * After each included file the enclosing section is opened again, so lines
 * that follow an Include keep applying where OpenSSH applies them.
 */
export async function readSshConfig(homedir: string, file?: string): Promise<string | null> {
  const main = file ?? path.join(homedir, '.ssh', 'config');
  const text = await readIfExists(main);
  return text === null ? null : expand(text, main, homedir, 0);
}

async function expand(text: string, file: string, homedir: string, depth: number): Promise<string> {
  const out: string[] = [];
  let section = 'Match all'; // the top level, written as a section that matches every host
  for (const line of text.split(/\r?\n/)) {
    if (SECTION.test(line)) section = line.trim();
    const include = INCLUDE.exec(line)?.[1];
    if (include === undefined) {
      out.push(line);
      continue;
    }
    if (depth >= MAX_INCLUDE_DEPTH) {
      throw new CasekitError(
        'SSH_CONFIG_INVALID',
        `The Include lines of your SSH config nest more than ${MAX_INCLUDE_DEPTH} deep (in ${file}); one of the files probably includes itself.`,
      );
    }
    out.push(`# ${line.trim()}`);
    for (const pattern of include.split(/\s+/).map((p) => p.replace(/^"(.*)"$/, '$1'))) {
      for (const included of await matchingFiles(pattern, homedir)) {
        const body = await readIfExists(included);
        if (body !== null) out.push(await expand(body, included, homedir, depth + 1));
      }
    }
    out.push(section);
  }
  return out.join('\n');
}

/** Include's path rules: `~` is home, a relative path is under ~/.ssh, `*` and `?` glob the last part, sorted. */
async function matchingFiles(pattern: string, homedir: string): Promise<string[]> {
  const expanded = pattern === '~' || pattern.startsWith('~/') ? path.join(homedir, pattern.slice(1)) : pattern;
  const absolute = path.isAbsolute(expanded) ? expanded : path.join(homedir, '.ssh', expanded);
  const name = path.basename(absolute);
  if (!/[*?]/.test(name)) return [absolute];
  const dir = path.dirname(absolute);
  const source = name
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  return entries
    .filter((entry) => new RegExp(`^${source}$`).test(entry) && !entry.startsWith('.'))
    .sort()
    .map((entry) => path.join(dir, entry));
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) return null;
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    // OpenSSH skips an Include that names nothing; a missing ~/.ssh/config simply means no config.
    if (errnoCode(err) === 'ENOENT') return null;
    throw ioError(
      `read the SSH config file ${file}`,
      err,
      'Make it readable for your user account, or remove it, then try again.',
    );
  }
}
