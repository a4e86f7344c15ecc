import type { Client } from 'basic-ftp';

/**
 * Enters `dir` on the server, creating what is missing on the way (like
 * basic-ftp's ensureDir), and tells whether this very call created the last
 * folder (MKD answered 257). A folder made a moment ago is empty, so the files
 * of this session need no SIZE question before they are sent.
 */
export async function enterFolder(client: Client, dir: string): Promise<{ created: boolean }> {
  if (dir.startsWith('/')) await client.cd('/');
  let created = false;
  for (const name of dir.split('/').filter((part) => part !== '')) {
    const reply = await client.sendIgnoringError(`MKD ${name}`);
    created = reply.code === 257;
    await client.cd(name);
  }
  return { created };
}
