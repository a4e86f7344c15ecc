import type { CallOutput } from '../../shared/api-contract';
import type { CaseStore } from '../cases/case-store';
import type { JobManager } from '../jobs/job-manager';
import type { SettingsStore } from '../settings/settings-store';
import type { Handlers } from './dispatch';
import type { CollectHandlers } from './collect-handlers';
import type { ServerHandlers } from './server-handlers';
import type { ShipHandlers } from './ship-handlers';
import type { EventBus } from './event-bus';

export type AppInfo = CallOutput<'getAppInfo'>;

export interface HandlerDeps {
  cases: CaseStore;
  settings: SettingsStore;
  jobs: JobManager;
  appInfo: AppInfo;
  events: EventBus;
}

/**
 * Cases, settings and jobs; `server-handlers.ts`, `ship-handlers.ts` and `collect-handlers.ts` add the rest.
 * Inputs arrive already validated by `dispatch`.
 */
export function createHandlers(
  deps: HandlerDeps,
): Omit<Handlers, keyof ServerHandlers | keyof ShipHandlers | keyof CollectHandlers> {
  const { cases, settings, jobs, appInfo, events } = deps;
  // Every window keeps its own case list; this tells them all to refresh after any change.
  const casesChanged = (caseId: string): void => events.emit({ event: 'casesChanged', payload: { caseId } });

  return {
    getAppInfo: async () => ({ ...appInfo }),
    listCases: () => cases.list(),
    createCase: async (args) => {
      const record = await cases.create(args);
      casesChanged(record.id);
      return record;
    },
    getCase: ({ id }) => cases.get(id),
    renameCase: async ({ id, title }) => {
      const record = await cases.rename(id, title);
      casesChanged(id);
      return record;
    },
    setCaseNumber: async ({ id, caseNumber }) => {
      const record = await cases.setCaseNumber(id, caseNumber);
      casesChanged(id);
      return record;
    },
    deleteCase: async ({ id }) => {
      await cases.delete(id);
      casesChanged(id);
      return { id };
    },
    getSettings: () => settings.get(),
    updateSettings: (patch) => settings.update(patch),
    listJobs: async () => jobs.list(),
    cancelJob: ({ jobId }) => jobs.cancel(jobId),
  };
}
