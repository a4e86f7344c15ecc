import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    // The Electron binary never runs in tests: main-process code is tested
    // against a stub that records what it was asked to do.
    alias: { electron: resolve(root, 'test/stubs/electron.ts') },
  },
  define: { __CASEKIT_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: [
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'test/unit/**/*.test.ts',
      'test/support/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'tools/**/*.test.ts',
    ],
    environment: 'node',
    typecheck: { enabled: true, include: ['**/*.test-d.ts'], tsconfig: './tsconfig.node.json' },
    testTimeout: 20_000,
  },
});
