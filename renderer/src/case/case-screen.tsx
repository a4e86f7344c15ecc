import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../app/api-context';
import { listHref } from '../app/routes';
import { StepNav } from '../steps/step-nav';
import { StepPage } from '../steps/step-page';
import type { StepId } from '../steps/steps';
import { useApiQuery } from '../ui/use-api-query';
import { useCasekitEvent } from '../ui/use-casekit-event';
import { CaseHeader } from './case-header';
import { CaseLoadError } from './case-load-error';
import { CaseOverview } from './case-overview';

export function CaseScreen({ caseId, step }: { caseId: string; step: StepId | null }) {
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
          <CaseHeader record={state.data} focusOnNavigation={step === null} />
          <div className="case-layout">
            <StepNav caseId={caseId} active={step} />
            <div className="case-content">
              {step === null ? (
                <CaseOverview
                  record={state.data}
                  onChanged={replace}
                  onDeleting={(busy) => {
                    deleting.current = busy;
                  }}
                />
              ) : (
                <StepPage caseId={caseId} step={step} />
              )}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
