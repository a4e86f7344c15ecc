import { literalGlob } from './name-glob';

/** Where `kernel.core_pattern` makes the kernel write core files. */
export type CoreLocation =
  /** An absolute pattern: one folder, and a name glob for what it writes there. */
  | { kind: 'folder'; dir: string; glob: string; note: null }
  /** A relative pattern: the crashing process's working folder, with this name glob. */
  | { kind: 'working-folder'; glob: string; note: null }
  /** Piped to a handler that keeps cores in a folder of its own (systemd-coredump, apport). */
  | { kind: 'handler'; dir: string; glob: string; note: string }
  /** Cores cannot be found by listing one folder; `note` says why. */
  | { kind: 'unknown'; note: string };

const SYSTEMD_COREDUMP_DIR = '/var/lib/systemd/coredump';

/**
 * Reads the contents of /proc/sys/kernel/core_pattern (see core(5)): `%` specifiers
 * (`%e`, `%p`, `%t`, …) become `*` in the name glob, `%%` is a percent sign, a
 * leading `|` pipes cores to a program. `coreUsesPid` (kernel.core_uses_pid)
 * appends `.PID` to a pattern without `%p`.
 */
export function parseCorePattern(text: string, coreUsesPid = false): CoreLocation {
  const pattern = text.replace(/\n$/, '');
  if (pattern.startsWith('|')) return pipeLocation(pattern.slice(1).trim());
  if (pattern.trim() === '')
    return { kind: 'unknown', note: 'kernel.core_pattern is empty, so the kernel writes no core files.' };
  const slash = pattern.lastIndexOf('/');
  const dirPart = slash < 0 ? null : pattern.slice(0, slash) || '/';
  const namePart = pattern.slice(slash + 1);
  if (dirPart !== null && !dirPart.startsWith('/')) {
    // A relative folder below the working folder: not one folder Casekit can list.
    return {
      kind: 'unknown',
      note: `kernel.core_pattern (${pattern}) puts cores in a subfolder of each process's working folder.`,
    };
  }
  if (dirPart !== null && /%[^%]/.test(dirPart.replaceAll('%%', ''))) {
    return {
      kind: 'unknown',
      note: `kernel.core_pattern (${pattern}) names a folder per process or per crash, which Casekit does not search.`,
    };
  }
  let glob = nameGlob(namePart === '' ? 'core' : namePart);
  if (coreUsesPid && !/%p/.test(namePart.replaceAll('%%', ''))) glob += '.*';
  if (dirPart === null) return { kind: 'working-folder', glob, note: null };
  return { kind: 'folder', dir: dirPart.replaceAll('%%', '%'), glob, note: null };
}

/** The name part of a core pattern as a find -name glob. */
function nameGlob(name: string): string {
  let glob = '';
  for (let i = 0; i < name.length; i++) {
    const char = name[i] as string;
    if (char === '%' && name[i + 1] === '%') {
      glob += '%';
      i++;
    } else if (char === '%') {
      if (!glob.endsWith('*')) glob += '*';
      i++;
    } else glob += literalGlob(char);
  }
  return glob;
}

function pipeLocation(handler: string): CoreLocation {
  const program = handler.split(/\s+/)[0] ?? '';
  if (/systemd-coredump$/.test(program))
    return {
      kind: 'handler',
      dir: SYSTEMD_COREDUMP_DIR,
      glob: 'core.*',
      note: `Cores go to systemd-coredump, which keeps them in ${SYSTEMD_COREDUMP_DIR} (see coredumpctl list).`,
    };
  if (/apport$/.test(program))
    return {
      kind: 'handler',
      dir: '/var/crash',
      glob: '*.crash',
      note: 'Cores go to apport, which keeps them in /var/crash.',
    };
  return {
    kind: 'unknown',
    note: `Cores are piped to ${program || 'a program'}, which keeps them where it is configured to; Casekit lists only the usual folders.`,
  };
}
