import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { InTreeLink } from './input-walk';

/** Where the output of `rel` goes under `output`, and where it is written until it passed the leak check. */
export function outputPaths(output: string, rel: string): { final: string; part: string } {
  const final = path.join(output, ...rel.split('/'));
  return { final, part: `${final}.part` };
}

/**
 * Renames each checked `.part` into place. Shorter names first: with inputs
 * `x` and `x.part`, `x.part` (the part of `x`) must become `x` before the
 * part of `x.part`, `x.part.part`, becomes `x.part`.
 */
export async function promoteParts(output: string, rels: string[]): Promise<void> {
  const ordered = [...rels].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  for (const rel of ordered) {
    const { final, part } = outputPaths(output, rel);
    await fs.rename(part, final);
  }
}

/** Removes the part and any older output of a file that is not done (failed, or leaked). */
export async function discardOutput(output: string, rel: string): Promise<void> {
  const { final, part } = outputPaths(output, rel);
  await fs.rm(part, { force: true });
  await fs.rm(final, { force: true });
}

/** Recreates IN's inner symbolic links; a link whose place is taken is left as it is. */
export async function recreateLinks(output: string, links: InTreeLink[]): Promise<void> {
  for (const link of links) {
    const { final } = outputPaths(output, link.rel);
    await fs.mkdir(path.dirname(final), { recursive: true });
    await fs.rm(final, { force: true });
    await fs.symlink(link.target.split('/').join(path.sep), final);
  }
}
