import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../electron/shared/case-schemas';
import type { ApiError } from '../../../electron/shared/error-codes';
import type { ServerScope } from '../../../electron/shared/server-schemas';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { serverName } from '../servers/server-item';
import { afterRender } from '../ship/focus-on-change';
import { isActive } from '../ship/job-view';
import { QueryStatus } from '../ship/query-status';
import { useCaseJob } from '../ship/use-case-job';
import { StepPager } from '../steps/step-pager';
import { StepHeading } from '../steps/step-heading';
import { ErrorNotice } from '../ui/error-notice';
import { useApiQuery } from '../ui/use-api-query';
import { useCasekitEvent } from '../ui/use-casekit-event';
import { checkChoices, choicesOf, defaultChoices, type ChoiceProblems, type CollectChoices } from './collect-choices';
import { CollectOptions } from './collect-options';
import { CollectRun } from './collect-run';
import { CollectServers } from './collect-servers';
import type { Discovery, StartCollectionInput } from './collect-types';
import { EMPTY_SELECTION, selectionInput, type Selection } from './plan-selection';
import { PlanSection } from './plan-section';
import { useCollection } from './use-collection';
import { usePlan } from './use-plan';

const STEP = 'collect';

/**
 * Step 4: choose the servers and what to gather, see the size plan and trim
 * it, consent to dumps file by file, then collect from every server at once
 * with live progress, and retry what failed.
 */
export function CollectScreen({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const optionsRef = useRef<HTMLDivElement>(null);
  const planRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const caseId = record.id;

  const scope = useMemo<ServerScope>(() => ({ kind: 'case', caseId }), [caseId]);
  const serversQuery = useCallback(() => api.listServers({ scope }), [api, scope]);
  const servers = useApiQuery(serversQuery);
  useCasekitEvent('serversChanged', (changed) => {
    if (changed.scope.kind === 'case' && changed.scope.caseId === caseId) void servers.reload();
  });
  const current = useCollection(caseId);
  const { job, start, cancel } = useCaseJob(caseId, 'collect');
  const running = job !== null && isActive(job.state);
  const planner = usePlan();

  const [deselected, setDeselected] = useState<ReadonlySet<string>>(new Set());
  const [discovered, setDiscovered] = useState<Discovery | null>(null);
  const [defaults] = useState<CollectChoices>(() => defaultChoices(new Date()));
  const [edited, setEdited] = useState<CollectChoices | null>(null);
  const [problems, setProblems] = useState<ChoiceProblems | null>(null);
  const [noServer, setNoServer] = useState(false);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [started, setStarted] = useState<StartCollectionInput | null>(null);

  // A collection started earlier brings its choices back, until the user changes them here.
  const earlier = current.state.status === 'ready' ? current.state.data.request : null;
  const restored = useMemo(() => (earlier === null ? null : choicesOf(earlier)), [earlier]);
  const choices = edited ?? restored ?? defaults;

  // When a run ends, the collection on disk has the final word and the plan it ran is spent.
  const ended = job !== null && !isActive(job.state) ? `${job.jobId}:${job.state}` : null;
  const { reload } = current;
  const { reset } = planner;
  useEffect(() => {
    if (ended === null) return;
    void reload();
    reset();
  }, [ended, reload, reset]);

  const list = useMemo(() => (servers.state.status === 'ready' ? servers.state.data : []), [servers.state]);
  const selectedIds = useMemo(
    () => list.filter((server) => !deselected.has(server.id)).map((server) => server.id),
    [list, deselected],
  );
  const names = useMemo(() => new Map(list.map((server) => [server.id, serverName(server)])), [list]);
  const services = useMemo(() => {
    const known = new Map<string, readonly string[]>();
    for (const host of current.collection?.hosts ?? []) {
      if (host.services.length > 0) known.set(host.target, host.services);
    }
    // Servers added from the discovery are matched by their host, which is the name discovery gave.
    for (const found of discovered?.servers ?? []) {
      const name = found.name.toLowerCase();
      const id = found.savedServerId ?? list.find((server) => server.host.toLowerCase() === name)?.id;
      if (id !== undefined) known.set(id, found.services);
    }
    return known;
  }, [current.collection, discovered, list]);

  // What the plan was made for changed: it no longer says what a run would do.
  const stale = (): void => {
    if (planner.state.status !== 'none') reset();
  };
  const select = (serverId: string, chosen: boolean): void => {
    stale();
    setNoServer(false);
    setDeselected((now) => {
      const next = new Set(now);
      if (chosen) next.delete(serverId);
      else next.add(serverId);
      return next;
    });
  };
  const changeChoices = (next: CollectChoices): void => {
    stale();
    setEdited(next);
  };

  const plan = async (): Promise<void> => {
    setStartError(null);
    const checked = checkChoices(choices, new Date());
    if (!checked.ok) {
      setProblems(checked.problems);
      afterRender(() => optionsRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field-error')?.focus());
      return;
    }
    setProblems(null);
    if (selectedIds.length === 0) return setNoServer(true);
    setSelection(EMPTY_SELECTION);
    const ok = await planner.plan({ caseId, serverIds: selectedIds, ...checked.request, consent: [] });
    if (ok) afterRender(() => planRef.current?.focus());
  };

  const run = async (input: StartCollectionInput): Promise<void> => {
    setStartError(null);
    setStarted(input);
    const error = await start(() => api.startCollection(input));
    if (error !== null) return setStartError(error);
    afterRender(() => cancelRef.current?.focus());
  };
  const collect = (): void => {
    if (planner.state.status !== 'ready') return;
    const { plan: ready, request } = planner.state;
    void run({ ...request, ...selectionInput(ready.collection, selection), retryFailed: false });
  };
  const retryFrom = started ?? earlier;
  const retry = retryFrom === null ? null : () => void run({ ...retryFrom, exclude: [], retryFailed: true });
  const stop = async (): Promise<void> => {
    setCancelling(true);
    const error = await cancel();
    setCancelling(false);
    if (error !== null) announce(`${t('collect.run.cancelFailed')} ${t(`errors.${error.code}`)}`, 'error');
  };

  return (
    <section className="step-page collect-screen" aria-labelledby="step-heading">
      <StepHeading step={STEP} />
      <p className="step-description">{t('collect.intro')}</p>
      <QueryStatus
        state={servers.state}
        failed={t('collect.servers.loadFailed')}
        reload={() => void servers.reload()}
      />
      {servers.state.status === 'ready' && (
        <CollectServers
          caseId={caseId}
          servers={list}
          selected={new Set(selectedIds)}
          onSelect={select}
          services={services}
          onDiscovered={setDiscovered}
          disabled={running}
        />
      )}
      <div ref={optionsRef}>
        <CollectOptions choices={choices} onChange={changeChoices} problems={problems} disabled={running} />
      </div>
      <PlanSection
        state={planner.state}
        selection={selection}
        onSelection={setSelection}
        names={names}
        blocked={noServer ? t('collect.plan.noServer') : null}
        onPlan={() => void plan()}
        onCollect={collect}
        startError={startError}
        busy={running || servers.state.status !== 'ready'}
        planRef={planRef}
      />
      {current.state.status === 'error' && (
        <ErrorNotice error={current.state.error} context={t('collect.result.loadFailed')}>
          <button type="button" onClick={() => void current.reload()}>
            {t('common.retry')}
          </button>
        </ErrorNotice>
      )}
      <CollectRun
        job={job}
        collection={current.collection}
        live={current.live}
        dir={current.state.status === 'ready' ? current.state.data.dir : ''}
        names={names}
        onCancel={() => void stop()}
        cancelling={cancelling}
        cancelRef={cancelRef}
        onRetry={retry}
      />
      <StepPager caseId={caseId} step={STEP} />
    </section>
  );
}
