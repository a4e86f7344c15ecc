import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import type { EventMessage } from '../../shared/api-contract';
import { JobManager } from '../jobs/job-manager';
import { FakeClock, makeTempHome } from './temp-home';

export interface JobManagerFixture {
  /** This test's data folder. */
  readonly home: string;
  readonly clock: FakeClock;
  /** Everything the managers made by `newManager` emitted in this test, in order. */
  readonly events: EventMessage[];
  /** A manager on this test's folder and clock, closed after the test; emits into `events` unless told otherwise. */
  newManager: (emit?: (msg: EventMessage) => void) => JobManager;
  /** The states job `id` went through, from its jobChanged events. */
  changes: (id: string) => string[];
  /** Job `id`'s journal file as it is on disk. */
  journalOf: (id: string) => Promise<Record<string, unknown>>;
}

/**
 * Gives each test in the calling file a fresh folder, clock and event log, and
 * closes its managers before the folder goes, so no journal write outlives it.
 * Call it at the top of a test file: it registers the hooks there.
 */
export function useJobManagerFixture(): JobManagerFixture {
  let home = '';
  let remove: () => Promise<void> = async () => undefined;
  let clock = new FakeClock();
  let events: EventMessage[] = [];
  const managers: JobManager[] = [];

  beforeEach(async () => {
    ({ home, remove } = await makeTempHome());
    clock = new FakeClock();
    events = [];
  });
  afterEach(async () => {
    await Promise.all(managers.splice(0).map((m) => m.close()));
    vi.restoreAllMocks();
    await remove();
  });

  return {
    get home() {
      return home;
    },
    get clock() {
      return clock;
    },
    get events() {
      return events;
    },
    newManager: (emit = (msg) => events.push(msg)) => {
      const manager = new JobManager({ home, emit, now: clock.now });
      managers.push(manager);
      return manager;
    },
    changes: (id) => events.flatMap((e) => (e.event === 'jobChanged' && e.payload.id === id ? [e.payload.state] : [])),
    journalOf: async (id) =>
      JSON.parse(await fs.readFile(path.join(home, 'jobs', `${id}.json`), 'utf8')) as Record<string, unknown>,
  };
}
