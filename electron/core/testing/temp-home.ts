import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh, empty data folder for one test; `remove` deletes it again. */
export async function makeTempHome(): Promise<{ home: string; remove: () => Promise<void> }> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'casekit-core-'));
  return { home, remove: () => fs.rm(home, { recursive: true, force: true }) };
}

/** A clock tests move by hand. */
export class FakeClock {
  constructor(private ms: number = Date.parse('2025-03-01T10:00:00.000Z')) {}

  now = (): Date => new Date(this.ms);

  advance(ms: number): void {
    this.ms += ms;
  }
}
