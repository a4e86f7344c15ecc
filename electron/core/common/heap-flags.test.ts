import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_HEAP_FLAGS } from './heap-flags';

describe('NODE_HEAP_FLAGS', () => {
  it('is what the casekit launcher starts Node with', () => {
    const launcher = path.resolve(import.meta.dirname, '../../../bin/casekit.mjs');
    const shebang = readFileSync(launcher, 'utf8').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${NODE_HEAP_FLAGS.join(' ')}`);
  });
});
