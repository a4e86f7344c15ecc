import { promises as fs } from 'node:fs';
import path from 'node:path';
import ssh2, { type ParsedKey } from 'ssh2';
import { CasekitError } from '../../../shared/error-codes';
import { errnoCode, errorMessage } from '../../common/error-text';

/** An identity file as found on disk, before any passphrase is asked. */
export type Identity =
  | { kind: 'ready'; file: string; key: ParsedKey }
  /** Encrypted; its public half is known, so the passphrase is asked only if the server accepts that key. */
  | { kind: 'locked'; file: string; text: Buffer; publicKey: ParsedKey }
  /** Encrypted without a readable public half (old PEM format, no .pub): unlocked before it is offered. */
  | { kind: 'opaque'; file: string; text: Buffer }
  | { kind: 'skip'; file: string; note: string | null };

export const PASSPHRASE_ATTEMPTS = 3;
const MAX_KEY_FILE_BYTES = 1 << 20;

/** OpenSSH's default identities, in its order (DSA is gone from OpenSSH and from here). */
export function defaultIdentityFiles(homedir: string): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => path.join(homedir, '.ssh', name));
}

function firstKey(parsed: ParsedKey | ParsedKey[] | Error): ParsedKey | Error {
  // ssh2 returns an array for the OpenSSH format, which can hold several keys (it never does in practice).
  return Array.isArray(parsed) ? (parsed[0] ?? new Error('the file holds no key')) : parsed;
}

// ssh2 is CommonJS without named exports Node can detect: only its default export works from ESM.
function parse(text: Buffer | string, passphrase?: string): ParsedKey | Error {
  return firstKey(ssh2.utils.parseKey(text, passphrase) as ParsedKey | ParsedKey[] | Error);
}

/** Reads one identity file. `configured`: named by IdentityFile, so a missing file is worth a note. */
export async function loadIdentity(file: string, configured: boolean): Promise<Identity> {
  let text: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_KEY_FILE_BYTES)
      return { kind: 'skip', file, note: `${file} is not a key file` };
    text = await fs.readFile(file);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { kind: 'skip', file, note: configured ? `the IdentityFile ${file} does not exist` : null };
    }
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : errorMessage(err);
    return { kind: 'skip', file, note: `could not read the key ${file} (${why})` };
  }
  const key = parse(text);
  if (!(key instanceof Error)) {
    if (!key.isPrivateKey()) {
      return { kind: 'skip', file, note: `${file} holds a public key; IdentityFile must name the private key` };
    }
    return { kind: 'ready', file, key };
  }
  if (!/no passphrase given/i.test(key.message)) {
    return { kind: 'skip', file, note: `${file} is not a private key Casekit can use (${key.message})` };
  }
  const publicKey = embeddedPublicKey(text) ?? (await publicKeyFile(file));
  return publicKey === null ? { kind: 'opaque', file, text } : { kind: 'locked', file, text, publicKey };
}

/** The public key an `openssh-key-v1` file stores unencrypted ahead of its encrypted private part. */
function embeddedPublicKey(text: Buffer): ParsedKey | null {
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]+?)-----END OPENSSH PRIVATE KEY-----/.exec(
    text.toString(),
  )?.[1];
  if (body === undefined) return null;
  const data = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (data.toString('latin1', 0, magic.length) !== magic) return null;
  let offset = magic.length;
  const readString = (): Buffer | null => {
    if (offset + 4 > data.length) return null;
    const length = data.readUInt32BE(offset);
    const start = offset + 4;
    if (start + length > data.length) return null;
    offset = start + length;
    return data.subarray(start, offset);
  };
  // cipher name, KDF name, KDF options, then the key count and the first public key.
  if (readString() === null || readString() === null || readString() === null || offset + 4 > data.length) return null;
  offset += 4;
  const blob = readString();
  if (blob === null) return null;
  const key = parse(blob);
  return key instanceof Error ? null : key;
}

async function publicKeyFile(file: string): Promise<ParsedKey | null> {
  try {
    const key = parse(await fs.readFile(`${file}.pub`));
    return key instanceof Error ? null : key;
  } catch {
    return null;
  }
}

/**
 * Asks for the passphrase until the key opens, at most three times like
 * OpenSSH. An empty answer or null declines (the key is skipped); three wrong
 * answers are KEY_UNREADABLE, because trying on would only lock the account.
 */
export async function unlockIdentity(
  file: string,
  text: Buffer,
  ask: (file: string, attempt: number) => Promise<string | null>,
): Promise<ParsedKey | null> {
  for (let attempt = 1; attempt <= PASSPHRASE_ATTEMPTS; attempt++) {
    const passphrase = await ask(file, attempt);
    if (passphrase === null || passphrase === '') return null;
    const key = parse(text, passphrase);
    if (!(key instanceof Error) && key.isPrivateKey()) return key;
  }
  throw new CasekitError(
    'KEY_UNREADABLE',
    `The private key ${file} could not be unlocked: the passphrase was wrong ${PASSPHRASE_ATTEMPTS} times. ` +
      `Check the passphrase (ssh-keygen -y -f "${file}" asks for it and shows the public key when it is right), then connect again.`,
  );
}
