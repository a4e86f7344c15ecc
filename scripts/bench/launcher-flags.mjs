// The node flags the casekit launcher (bin/casekit.mjs) starts with, read from
// its shebang line: benchmark children run our code as the CLI runs it (see
// electron/core/common/heap-flags.ts for why there are flags at all).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const launcherFlags = readFileSync(path.join(root, 'bin/casekit.mjs'), 'utf8')
  .split('\n')[0]
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));
