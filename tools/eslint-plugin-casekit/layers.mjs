// The layering of docs/ARCHITECTURE.md as a lint rule, in the manner of VS Code's
// `code-import-patterns`: each file belongs to a layer by its folder, and each
// layer lists the layers, Node built-ins and packages it may import.
import { builtinModules } from 'node:module';
import path from 'node:path';

const TEST_PACKAGES = ['vitest', '@testing-library/react', '@testing-library/dom', '@playwright/test'];

/** @type {Record<string, {folder: string, may: string[], builtins: boolean, electron: boolean, packages: string[] | '*', outside: boolean, why: string}>} */
export const LAYERS = {
  shared: {
    folder: 'electron/shared',
    may: ['shared'],
    builtins: false,
    electron: false,
    packages: ['zod'],
    outside: false,
    why: 'the contract runs in the browser and in Node alike',
  },
  core: {
    folder: 'electron/core',
    may: ['shared', 'core'],
    builtins: true,
    electron: false,
    packages: '*',
    outside: true,
    why: 'the core is plain Node so the CLI, casekit serve and the tests run it without Electron',
  },
  main: {
    folder: 'electron/main',
    may: ['shared', 'core', 'main'],
    builtins: true,
    electron: true,
    packages: '*',
    outside: true,
    why: 'the main process composes the core with Electron; it never reaches into preload, CLI or renderer',
  },
  preload: {
    folder: 'electron/preload',
    may: ['shared', 'preload'],
    builtins: false,
    electron: true,
    packages: ['zod'],
    outside: false,
    why: 'a sandboxed preload can only use contextBridge and ipcRenderer',
  },
  cli: {
    folder: 'electron/cli',
    may: ['shared', 'core', 'cli'],
    builtins: true,
    electron: false,
    packages: '*',
    outside: true,
    why: 'the CLI runs on plain Node, where Electron is not installed',
  },
  renderer: {
    folder: 'renderer',
    may: ['shared', 'renderer'],
    builtins: false,
    electron: false,
    packages: ['react', 'react-dom', 'i18next', 'react-i18next', 'zod'],
    outside: false,
    why: 'the renderer talks only to the API contract and cannot tell which bridge it runs on',
  },
};

const BUILTINS = new Set(builtinModules);

function layerOf(relativePath) {
  const normalized = relativePath.split(path.sep).join('/');
  for (const [name, layer] of Object.entries(LAYERS)) {
    if (normalized === layer.folder || normalized.startsWith(`${layer.folder}/`)) return name;
  }
  return null;
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function isTestFile(filename) {
  return /\.test(-d)?\.tsx?$/.test(filename);
}

/** Returns why `specifier`, imported from the file at `relativeFile`, breaks the layering; null if it may. */
export function checkImport(relativeFile, specifier, { testFile = false } = {}) {
  const from = layerOf(relativeFile);
  if (from === null) return null;
  const layer = LAYERS[from];
  const label = layer.folder;

  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(relativeFile), specifier));
    const to = layerOf(target);
    if (to === null) {
      return layer.outside || target.startsWith(`${layer.folder}/`)
        ? null
        : `${label} may not import '${specifier}' from outside the layers: ${layer.why}.`;
    }
    if (layer.may.includes(to)) return null;
    return `${label} may not import from ${LAYERS[to].folder} ('${specifier}'): ${layer.why}. See docs/ARCHITECTURE.md.`;
  }

  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (specifier.startsWith('node:') || BUILTINS.has(packageName(bare))) {
    return layer.builtins ? null : `${label} may not import the Node built-in '${specifier}': ${layer.why}.`;
  }
  const name = packageName(specifier);
  if (name === 'electron') {
    return layer.electron ? null : `${label} may not import 'electron': ${layer.why}.`;
  }
  if (testFile && TEST_PACKAGES.includes(name)) return null;
  if (layer.packages === '*' || layer.packages.includes(name)) return null;
  return `${label} may not import the package '${name}': ${layer.why}. Allowed: ${layer.packages.join(', ')}.`;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layering of docs/ARCHITECTURE.md' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { forbidden: '{{reason}}' },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const relativeFile = path.relative(root, context.filename).split(path.sep).join('/');
    const testFile = isTestFile(context.filename);
    if (relativeFile.startsWith('..') || layerOf(relativeFile) === null) return {};

    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const reason = checkImport(relativeFile, node.value, { testFile });
      if (reason) context.report({ node, messageId: 'forbidden', data: { reason } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

export default { meta: { name: 'eslint-plugin-casekit' }, rules: { layers: layersRule } };
