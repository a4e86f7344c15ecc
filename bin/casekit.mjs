#!/usr/bin/env -S node --initial-old-space-size=64
// Thin launcher so `npx casekit` works from the package; the CLI itself is built to out/cli.
// The node flag: see electron/core/common/heap-flags.ts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../out/cli/casekit.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  console.error(`casekit: not built yet (${fileURLToPath(bundle)} is missing). Run \`npm run build\` first.`);
  process.exit(1);
}
const { run } = await import(bundle.href);
process.exitCode = await run(process.argv);
