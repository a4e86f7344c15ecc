import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

const root = import.meta.dirname;
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies)];

// The CLI is plain Node: dependencies stay external (installed with the package),
// our own code is bundled into ES modules: casekit.mjs, and redact-worker.mjs, the
// worker thread of `casekit redact`, which must sit beside it (code both use goes
// into a chunk in the same folder).
export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
      input: {
        casekit: resolve(root, 'electron/cli/main.ts'),
        'redact-worker': resolve(root, 'electron/core/redact/tree/redact-worker.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
  define: { __CASEKIT_VERSION__: JSON.stringify(pkg.version) },
});
