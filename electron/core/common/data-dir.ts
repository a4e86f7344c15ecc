import path from 'node:path';

export interface DataDirOptions {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homedir: string;
  appName?: string;
}

/**
 * The folder that holds settings, cases and job journals.
 *
 * It must be the same folder Electron's `app.getPath('userData')` returns, so
 * that the CLI (which never loads Electron) and the desktop app share data.
 * Paths are built with the target platform's path flavour rather than the
 * host's so every platform's answer can be checked from any machine.
 */
export function resolveDataDir(opts: DataDirOptions): string {
  const appName = opts.appName ?? 'Casekit';
  const paths = opts.platform === 'win32' ? path.win32 : path.posix;

  const override = nonEmpty(opts.env.CASEKIT_HOME);
  if (override !== null) return paths.resolve(override);

  return paths.join(appDataDir(opts, paths), appName);
}

/** Electron's `app.getPath('appData')`, computed without Electron. */
function appDataDir(opts: DataDirOptions, paths: path.PlatformPath): string {
  switch (opts.platform) {
    case 'win32':
      return nonEmpty(opts.env.APPDATA) ?? paths.join(opts.homedir, 'AppData', 'Roaming');
    case 'darwin':
      return paths.join(opts.homedir, 'Library', 'Application Support');
    default:
      // Chromium uses XDG_CONFIG_HOME as given whenever it is non-empty, on Linux and the BSDs alike.
      return nonEmpty(opts.env.XDG_CONFIG_HOME) ?? paths.join(opts.homedir, '.config');
  }
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}
