import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { CaseListScreen } from '../cases/case-list-screen';
import { CaseScreen } from '../case/case-screen';
import { ErrorNotice } from '../ui/error-notice';
import { AppHeader } from './app-header';
import { ErrorBoundary } from './error-boundary';
import { NotFoundScreen } from './not-found-screen';
import { RouteContext } from './route-context';
import type { Route } from './routes';
import { MAIN_ID, SkipLink } from './skip-link';
import { useDocumentLanguage } from './use-document-language';
import { useHashRoute } from './use-hash-route';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'list':
      return <CaseListScreen />;
    case 'case':
      return <CaseScreen key={route.caseId} caseId={route.caseId} step={null} />;
    case 'step':
      return <CaseScreen key={route.caseId} caseId={route.caseId} step={route.step} />;
    case 'notFound':
      return <NotFoundScreen />;
  }
}

export function AppShell({ settingsError }: { settingsError: ApiError | null }) {
  const { t } = useTranslation();
  const hashRoute = useHashRoute();
  useDocumentLanguage();

  return (
    <RouteContext.Provider value={hashRoute}>
      <SkipLink />
      <AppHeader />
      <main id={MAIN_ID} tabIndex={-1} className="app-main">
        {settingsError !== null && <ErrorNotice error={settingsError} context={t('app.settingsError')} />}
        <ErrorBoundary resetKey={hashRoute.hash}>
          <Screen route={hashRoute.route} />
        </ErrorBoundary>
      </main>
    </RouteContext.Provider>
  );
}
