import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../app/api-context';
import { listHref } from '../app/routes';
import { CaseServers } from '../servers/case-servers';
import { StepNav } from '../steps/step-nav';
import { StepScreen } from '../steps/step-screen';
import type { StepId } from '../steps/steps';
import { useApiQuery } from '../ui/use-api-query';
import { useCasekitEvent } from '../ui/use-casekit-event';
import { CaseHeader } from './case-header';
import { CaseLoadError } from './case-load-error';
import { CaseOverview } from './case-overview';

/** `page`: null for the overview, a step, or the case's servers. */
export function CaseScreen({ caseId, page }: { caseId: string; page: StepId | 'servers' | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const query = useCallback(() => api.getCase({ id: caseId }), [api, caseId]);
  const { state, reload, replace } = useApiQuery(query);
  // Our own delete fires casesChanged too; reloading then would flash "not found".
  const deleting = useRef(false);
  useCasekitEvent('casesChanged', ({ caseId: changed }) => {
    if (!deleting.current && (changed === null || changed === caseId)) void reload();
  });

  return (
    <div className="page">
      <nav className="breadcrumb" aria-label={t('case.breadcrumb')}>
        <a href={listHref()}>{t('case.allCases')}</a>
      </nav>
      {state.status === 'loading' && <p aria-busy="true">{t('case.loading')}</p>}
      {state.status === 'error' && <CaseLoadError error={state.error} onRetry={() => void reload()} />}
      {state.status === 'ready' && (
        <>
          <CaseHeader record={state.data} focusOnNavigation={page === null} />
          <div className="case-layout">
            <StepNav caseId={caseId} active={page === 'servers' ? null : page} />
            <div className="case-content">
              {page === 'servers' ? (
                <CaseServers caseId={caseId} />
              ) : page === null ? (
                <CaseOverview
                  record={state.data}
                  onChanged={replace}
                  onDeleting={(busy) => {
                    deleting.current = busy;
                  }}
                />
              ) : (
                <StepScreen record={state.data} step={page} />
              )}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
