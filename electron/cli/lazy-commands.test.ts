import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `casekit --version`, `--help` and every command load main.ts and what it
 * imports statically; each command's real work (ssh2, archiver, basic-ftp,
 * nodemailer, zod, the core's engines) sits in a `*-action.ts` loaded by a
 * dynamic import only when that command runs. This walks the static import
 * graph of the sources (no build, no timing) so a heavy import slipping back
 * into start-up fails here.
 */

const CLI_DIR = import.meta.dirname;
const CORE_DIR = path.resolve(CLI_DIR, '../core');
const BUILTINS = new Set(builtinModules);
/** The only package start-up may load: it parses the command line. */
const STARTUP_PACKAGES = ['commander'];

// `import … from '…'`, `import '…'` and `export … from '…'`, not `import type` / `export type` (erased when compiled).
const RUNTIME_IMPORT = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function runtimeImports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(RUNTIME_IMPORT)].map((match) => match[1] ?? '');
}

function resolveSource(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  return readdirSync(path.dirname(base)).includes(`${path.basename(base)}.ts`)
    ? `${base}.ts`
    : path.join(base, 'index.ts');
}

/** Every source file and package loaded with `entry`, each with the file that first imports it. */
function staticGraph(entry: string): { files: Map<string, string>; packages: Map<string, string> } {
  const files = new Map<string, string>([[entry, '(entry)']]);
  const packages = new Map<string, string>();
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) {
        const target = resolveSource(file, specifier);
        if (!files.has(target)) {
          files.set(target, file);
          queue.push(target);
        }
      } else if (!specifier.startsWith('node:') && !BUILTINS.has(specifier)) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        if (name !== undefined && !packages.has(name)) packages.set(name, file);
      }
    }
  }
  return { files, packages };
}

const relative = (file: string) => path.relative(path.resolve(CLI_DIR, '../..'), file);

describe('casekit start-up loads no command’s heavy code', () => {
  const startup = staticGraph(path.join(CLI_DIR, 'main.ts'));

  it('reaches every command definition (the walk works)', () => {
    const commands = readdirSync(path.join(CLI_DIR, 'commands'))
      .filter((name) => name.endsWith('-command.ts'))
      .map((name) => path.join(CLI_DIR, 'commands', name));
    expect(commands.length).toBeGreaterThan(5);
    for (const command of commands) expect([...startup.files.keys()]).toContain(command);
  });

  it('loads no package but commander', () => {
    const extra = [...startup.packages]
      .filter(([name]) => !STARTUP_PACKAGES.includes(name))
      .map(([name, importer]) => `${name} (imported by ${relative(importer)})`);
    expect(extra).toEqual([]);
  });

  it('loads no *-action.ts, and from the core only leaf files (constants and pure parsers)', () => {
    const actions = [...startup.files.keys()].filter((file) => file.endsWith('-action.ts')).map(relative);
    expect(actions).toEqual([]);
    const coreWithImports = [...startup.files.keys()]
      .filter((file) => file.startsWith(CORE_DIR + path.sep) && runtimeImports(file).length > 0)
      .map((file) => `${relative(file)} (imported by ${relative(startup.files.get(file) ?? '')})`);
    expect(coreWithImports).toEqual([]);
  });

  it('would see a heavy import: the actions do load ssh2, archiver, basic-ftp, nodemailer and zod', () => {
    const loaded = new Set(
      ['collect', 'pack', 'ship-ftp', 'ship-email'].flatMap((name) => [
        ...staticGraph(path.join(CLI_DIR, 'commands', `${name}-action.ts`)).packages.keys(),
      ]),
    );
    for (const name of ['ssh2', 'archiver', 'basic-ftp', 'nodemailer', 'zod']) expect(loaded).toContain(name);
  });
});
