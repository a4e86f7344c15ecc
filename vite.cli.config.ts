import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

const root = import.meta.dirname;
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies)];

// The CLI is plain Node: dependencies stay external (installed with the package),
// our own code is bundled into one ES module.
export default defineConfig({
  build: {
    ssr: resolve(root, 'electron/cli/main.ts'),
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
      output: { format: 'es', entryFileNames: 'casekit.mjs' },
    },
  },
  define: { __CASEKIT_VERSION__: JSON.stringify(pkg.version) },
});
