import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../electron/shared/case-schemas';
import { useApi } from '../app/api-context';
import { useRouteFocus } from '../app/route-context';
import { ErrorNotice } from '../ui/error-notice';
import { useApiQuery } from '../ui/use-api-query';
import { useCasekitEvent } from '../ui/use-casekit-event';
import { useDocumentTitle } from '../ui/use-document-title';
import { CaseListItem } from './case-list-item';
import { CaseProblemList } from './case-problem-list';
import { EmptyState } from './empty-state';
import { NEW_CASE_FORM_ID, NewCaseForm } from './new-case-form';

const newestFirst = (a: CaseSummary, b: CaseSummary): number => b.updatedAt.localeCompare(a.updatedAt);

export function CaseListScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const query = useCallback(() => api.listCases({}), [api]);
  const { state, reload } = useApiQuery(query);
  useCasekitEvent('casesChanged', () => void reload());

  const [creating, setCreating] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const newCaseButton = useRef<HTMLButtonElement>(null);
  useRouteFocus(heading);
  useDocumentTitle(t('list.title'));

  const openForm = (): void => {
    if (creating) document.getElementById(NEW_CASE_FORM_ID)?.querySelector('input')?.focus();
    setCreating(true);
  };
  const closeForm = (): void => {
    setCreating(false);
    newCaseButton.current?.focus();
  };

  return (
    <section className="page" aria-labelledby="cases-heading">
      <div className="page-head">
        <h1 id="cases-heading" ref={heading} tabIndex={-1}>
          {t('list.title')}
        </h1>
        <button ref={newCaseButton} type="button" className="primary" onClick={openForm}>
          {t('newCase.open')}
        </button>
      </div>
      {creating && <NewCaseForm onCancel={closeForm} />}
      {state.status === 'loading' && <p aria-busy="true">{t('list.loading')}</p>}
      {state.status === 'error' && (
        <ErrorNotice error={state.error}>
          <button type="button" onClick={() => void reload()}>
            {t('common.retry')}
          </button>
        </ErrorNotice>
      )}
      {state.status === 'ready' && (
        <>
          {state.data.cases.length === 0 && state.data.problems.length === 0 && <EmptyState />}
          {state.data.cases.length > 0 && (
            <>
              <p className="muted">{t('list.count', { count: state.data.cases.length })}</p>
              <ul className="case-list" aria-label={t('list.listLabel')}>
                {[...state.data.cases].sort(newestFirst).map((summary) => (
                  <CaseListItem key={summary.id} summary={summary} />
                ))}
              </ul>
            </>
          )}
          {state.data.problems.length > 0 && <CaseProblemList problems={state.data.problems} />}
        </>
      )}
    </section>
  );
}
