import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileJob, LeftOut } from './task-types';

/** A symbolic link inside IN whose target is inside IN too: recreated in the output, never followed. */
export interface InTreeLink {
  rel: string;
  /** Relative to the link's folder, `/`-separated. */
  target: string;
}

export interface InputTree {
  /** The real path of IN (symbolic links resolved). */
  root: string;
  isFile: boolean;
  jobs: FileJob[];
  links: InTreeLink[];
  leftOut: LeftOut[];
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

function inside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Lists what IN holds: regular files become jobs (paths relative to IN);
 * links are never followed — one that stays inside IN is kept as a link, one
 * that leads outside (or nowhere) is left out with the reason, as are
 * sockets, FIFOs and devices.
 */
export async function walkInput(input: string): Promise<InputTree> {
  const root = await fs.realpath(input);
  const top = await fs.stat(root);
  if (top.isFile()) {
    return {
      root,
      isFile: true,
      jobs: [{ rel: path.basename(input), abs: root, size: top.size }],
      links: [],
      leftOut: [],
    };
  }
  const tree: InputTree = { root, isFile: false, jobs: [], links: [], leftOut: [] };
  const visit = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const rel = toPosix(path.relative(root, abs));
      if (entry.isDirectory()) await visit(abs);
      else if (entry.isFile()) tree.jobs.push({ rel, abs, size: (await fs.lstat(abs)).size });
      else if (entry.isSymbolicLink()) await visitLink(tree, abs, rel);
      else tree.leftOut.push({ path: rel, reason: 'not a regular file (socket, FIFO or device)' });
    }
  };
  await visit(root);
  return tree;
}

async function visitLink(tree: InputTree, abs: string, rel: string): Promise<void> {
  let target: string;
  try {
    target = await fs.realpath(abs);
  } catch {
    tree.leftOut.push({ path: rel, reason: 'a symbolic link that leads nowhere (its target is missing)' });
    return;
  }
  if (!inside(tree.root, target)) {
    tree.leftOut.push({
      path: rel,
      reason: 'a symbolic link to something outside the input folder; links are not followed out of it',
    });
    return;
  }
  tree.links.push({ rel, target: toPosix(path.relative(path.dirname(abs), target)) });
}
