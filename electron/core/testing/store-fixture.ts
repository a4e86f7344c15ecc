import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { CaseStore } from '../cases/case-store';
import { FakeClock, makeTempHome } from './temp-home';

export interface StoreFixture<S> {
  /** This test's data folder. */
  readonly home: string;
  readonly clock: FakeClock;
  /** The store `open` made on this test's folder and clock. */
  readonly store: S;
}

/**
 * Gives each test in the calling file a fresh folder, clock and store, and
 * removes the folder after it, so no test sees another's files. Call it at the
 * top of a test file: it registers the hooks there.
 */
export function useStoreFixture<S>(open: (home: string, clock: FakeClock) => S): StoreFixture<S> {
  let home = '';
  let remove: () => Promise<void> = async () => undefined;
  let clock = new FakeClock();
  let store: S | undefined;

  beforeEach(async () => {
    ({ home, remove } = await makeTempHome());
    clock = new FakeClock();
    store = open(home, clock);
  });
  afterEach(() => remove());

  return {
    get home() {
      return home;
    },
    get clock() {
      return clock;
    },
    get store() {
      if (store === undefined) throw new Error('The store exists only inside a test.');
      return store;
    },
  };
}

export interface CaseStoreFixture extends StoreFixture<CaseStore> {
  /** Where case `id`'s case.json lives in this test's folder. */
  caseFile: (id: string) => string;
}

/** The case-store tests' fixture: a CaseStore on this test's folder and clock. */
export function useCaseStoreFixture(): CaseStoreFixture {
  const fixture = useStoreFixture((home, clock) => new CaseStore({ home, now: clock.now }));
  return Object.assign(fixture, {
    caseFile: (id: string): string => path.join(fixture.home, 'cases', id, 'case.json'),
  });
}
