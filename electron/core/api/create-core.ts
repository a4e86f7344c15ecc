import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { EventMessage, Unsubscribe } from '../../shared/api-contract';
import type { Result } from '../../shared/result';
import { CaseStore } from '../cases/case-store';
import { ioError } from '../common/error-text';
import { DIR_MODE } from '../common/json-document';
import { JobManager } from '../jobs/job-manager';
import { SettingsStore } from '../settings/settings-store';
import { createHandlers } from './create-handlers';
import { dispatch } from './dispatch';
import { EventBus } from './event-bus';

/** The whole back end, the same for the Electron main process and `casekit serve`. */
export interface Core {
  dispatch(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (msg: EventMessage) => void): Unsubscribe;
  jobs: JobManager;
  cases: CaseStore;
  settings: SettingsStore;
  /** Absolute path of the data folder. */
  home: string;
  /** Stops running jobs (they resume on the next start). Safe to call more than once. */
  close(): Promise<void>;
}

export interface CreateCoreOptions {
  home: string;
  name?: string;
  version: string;
}

/**
 * Builds the core on a data folder. Job kinds are registered by the caller
 * afterwards, which then calls `core.jobs.resumeInterrupted()` so that jobs
 * cut short by a crash or shutdown carry on.
 */
export async function createCore(opts: CreateCoreOptions): Promise<Core> {
  const home = path.resolve(opts.home);
  try {
    await fs.mkdir(home, { recursive: true, mode: DIR_MODE });
  } catch (err) {
    throw ioError(
      `create the Casekit data folder ${home}`,
      err,
      'Check that the location is writable, or point CASEKIT_HOME at a folder you can write to, then start Casekit again.',
    );
  }

  const events = new EventBus();
  const cases = new CaseStore({ home });
  const settings = new SettingsStore({ home });
  const jobs = new JobManager({ home, emit: (msg) => events.emit(msg) });
  await jobs.init();

  const handlers = createHandlers({
    cases,
    settings,
    jobs,
    events,
    appInfo: { name: opts.name ?? 'Casekit', version: opts.version, dataDir: home },
  });

  return {
    dispatch: (name, input) => dispatch(handlers, name, input),
    subscribe: (listener) => events.subscribe(listener),
    jobs,
    cases,
    settings,
    home,
    close: () => jobs.close(),
  };
}
