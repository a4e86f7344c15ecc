import type { ESLint, Rule } from 'eslint';

export interface Layer {
  folder: string;
  may: string[];
  builtins: boolean;
  electron: boolean;
  packages: string[] | '*';
  outside: boolean;
  why: string;
}
export declare const LAYERS: Record<string, Layer>;
export declare function checkImport(
  relativeFile: string,
  specifier: string,
  options?: { testFile?: boolean },
): string | null;
export declare const layersRule: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
