import path from 'node:path';

const PART_SUFFIX = /\.part\d{3,}$/;

/**
 * The bundle a folder of files holds, as `casekit pack` names it: `<bundle>.sha256`
 * checks the reassembled bundle, so its name says which; failing that, a part's
 * name without `.partNNN`; failing that, the folder's name.
 */
export function bundleNameOf(names: readonly string[], bundleDir: string): string {
  const sums = names.find((name) => name.endsWith('.sha256') && name.length > '.sha256'.length);
  if (sums !== undefined) return sums.slice(0, -'.sha256'.length);
  const part = names.find((name) => PART_SUFFIX.test(name));
  if (part !== undefined) return part.replace(PART_SUFFIX, '');
  return path.basename(path.resolve(bundleDir));
}

/** True for `<bundle>.part001` and its siblings: the pieces `cat` joins back. */
export function isPartName(name: string): boolean {
  return PART_SUFFIX.test(name);
}
