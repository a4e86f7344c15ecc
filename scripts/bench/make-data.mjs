// Test data for the fetch benchmark: random bytes (archives, dumps) and text
// shaped like Zimbra's mailbox.log, each written with its SHA-256.
import { createHash, randomFillSync } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { open } from 'node:fs/promises';

const CHUNK = 16 * 1024 * 1024;

async function writeChunks(file, bytes, fill) {
  const handle = await open(file, 'w');
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(CHUNK);
  try {
    for (let written = 0; written < bytes;) {
      const size = Math.min(fill(chunk), bytes - written);
      hash.update(chunk.subarray(0, size));
      await handle.write(chunk, 0, size, written);
      written += size;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

export const writeRandom = (file, bytes) => writeChunks(file, bytes, (chunk) => randomFillSync(chunk).length);

const LEVELS = ['INFO ', 'INFO ', 'INFO ', 'WARN ', 'DEBUG', 'ERROR'];
const OPS = ['SearchRequest', 'GetMsgRequest', 'SendMsgRequest', 'AuthRequest', 'NoOpRequest', 'GetFolderRequest'];
const MESSAGES = [
  (i) => `mailbox - ${OPS[i % OPS.length]} elapsed=${(i * 13) % 997}`,
  (i) => `imap - [10.0.${i % 256}.${(i * 3) % 256}] FETCH 1:${i % 4000} (FLAGS UID) elapsed=${i % 97}`,
  (i) =>
    `lmtp - Delivering message: size=${(i * 977) % 200000} bytes, nrcpts=${1 + (i % 5)}, sender=bounce-${i % 300}@lists.example.org, msgid=<${(i * 2654435761) % 4294967296}.JavaMail.zimbra@mail.example.com>`,
  (i) => `security - cmd=Auth; account=user${i % 5000}@example.com; protocol=soap;`,
  (i) => `mailop - Adding Message: id=${100000 + i}, Message-ID=<${i}@mx.example.net>, parentId=-1, folderId=2.`,
  (i) => `index - Batch complete processed=${i % 50} failed=0 elapsed=${i % 311}`,
];

// Building a gigabyte of strings line by line takes half a minute; instead a
// pool of varied lines is copied in pseudo-random order with fresh timestamps.
const POOL = Array.from({ length: 8192 }, (_, i) =>
  Buffer.from(
    `2025-03-01 00:00:00,000 ${LEVELS[i % LEVELS.length]} [qtp${1000 + (i % 37)}-${i % 211}:https://mail.example.com/service/soap/${OPS[i % OPS.length]}] [name=user${(i * 7919) % 5000}@example.com;mid=${(i * 31) % 9000};ip=10.1.${i % 256}.${(i * 7) % 256};ua=ZimbraWebClient - FF${100 + (i % 30)} (Linux);] ${MESSAGES[i % MESSAGES.length](i)}\n`,
  ),
);

export function writeMailboxLog(file, bytes) {
  let x = 2463534242;
  let ms = 0;
  const two = (buffer, at, value) => {
    buffer[at] = 48 + Math.floor(value / 10);
    buffer[at + 1] = 48 + (value % 10);
  };
  return writeChunks(file, bytes, (chunk) => {
    let position = 0;
    for (;;) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      const line = POOL[x & 8191];
      if (position + line.length > chunk.length) return position;
      line.copy(chunk, position);
      ms += (x >>> 20) & 63;
      const seconds = Math.floor(ms / 1000);
      two(chunk, position + 8, 1 + (Math.floor(seconds / 86400) % 28));
      two(chunk, position + 11, Math.floor(seconds / 3600) % 24);
      two(chunk, position + 14, Math.floor(seconds / 60) % 60);
      two(chunk, position + 17, seconds % 60);
      chunk[position + 20] = 48 + Math.floor((ms % 1000) / 100);
      two(chunk, position + 21, ms % 100);
      position += line.length;
    }
  });
}
