import { existsSync } from 'node:fs';
import path from 'node:path';
import { CasekitError } from '../../shared/error-codes';

export interface ResolveResourcesDirOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * Electron's `process.resourcesPath` in a packaged app (only the main
   * process knows it): a packager copies the repository's `resources/` there.
   */
  resourcesPath?: string;
  /** Where the search starts; default the folder of the running bundle or source file. */
  from?: string;
}

/** The module's folder sits this many levels under the repository at most: electron/core/vendor, out/main/chunks. */
const MAX_LEVELS_UP = 4;

const holdsProfiles = (dir: string): boolean => existsSync(path.join(dir, 'vendors'));

/**
 * The folder of the files Casekit ships beside its code (`resources/`, with
 * `vendors/`): `CASEKIT_RESOURCES_DIR` if set (tests point it at their own
 * profiles), else Electron's resources folder when given and it holds them,
 * else the nearest `resources/` above the running code. That is the repository's
 * `resources/` from out/cli (the CLI), out/main (the app) and the source tree (vitest).
 */
export function resolveResourcesDir(options: ResolveResourcesDirOptions = {}): string {
  const env = options.env ?? process.env;
  const override = env.CASEKIT_RESOURCES_DIR;
  if (override !== undefined && override !== '') return path.resolve(override);
  if (options.resourcesPath !== undefined && holdsProfiles(options.resourcesPath)) return options.resourcesPath;
  let dir = options.from ?? import.meta.dirname;
  const tried: string[] = [];
  for (let level = 0; level <= MAX_LEVELS_UP; level += 1) {
    const candidate = path.join(dir, 'resources');
    if (holdsProfiles(candidate)) return candidate;
    tried.push(candidate);
    dir = path.dirname(dir);
  }
  throw new CasekitError(
    'INTERNAL',
    `Casekit's resources folder (with vendors/) is missing: looked in ${tried.join(', ')}. Casekit is not installed completely; install it again, or set CASEKIT_RESOURCES_DIR to the folder.`,
  );
}
