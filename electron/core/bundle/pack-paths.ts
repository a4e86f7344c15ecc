import path from 'node:path';
import { CasekitError } from '../../shared/error-codes';
import { realish } from '../redact/tree/path-guards';

const within = (root: string, candidate: string): boolean => {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * Refuses OUTDIR inside DIR (the next pack of DIR would take the bundle in)
 * and the map inside DIR (it holds every original and must never be packed).
 */
export async function refusePackPaths(sourceDir: string, outDir: string, mapFile: string): Promise<void> {
  const source = await realish(sourceDir);
  if (within(source, await realish(outDir))) {
    throw new CasekitError(
      'INVALID_INPUT',
      `The output folder ${outDir} is inside the folder to pack (${sourceDir}): the bundle would end up in the next bundle. Choose an output folder outside it.`,
    );
  }
  if (within(source, await realish(mapFile))) {
    throw new CasekitError(
      'INVALID_INPUT',
      `The pseudonym map ${mapFile} is inside the folder to pack: it holds every original value and must never be shipped. Move it out of ${sourceDir} (the default is Casekit's data folder).`,
    );
  }
}
