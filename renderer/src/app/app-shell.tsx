import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { CaseListScreen } from '../cases/case-list-screen';
import { CaseScreen } from '../case/case-screen';
import { PromptHost } from '../prompts/prompt-host';
import { ServersScreen } from '../servers/servers-screen';
import { ErrorNotice } from '../ui/error-notice';
import { AppHeader } from './app-header';
import { ErrorBoundary } from './error-boundary';
import { NotFoundScreen } from './not-found-screen';
import { RouteContext } from './route-context';
import type { Route } from './routes';
import { MAIN_ID, SkipLink } from './skip-link';
import { useDocumentLanguage } from './use-document-language';
import { StartupWarnings } from './startup-warnings';
import { useHashRoute } from './use-hash-route';

const SERVERS_PAGE = 'servers';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'list':
      return <CaseListScreen />;
    case 'servers':
      return <ServersScreen />;
    case 'case':
      return <CaseScreen key={route.caseId} caseId={route.caseId} page={null} />;
    case 'caseServers':
      return <CaseScreen key={route.caseId} caseId={route.caseId} page={SERVERS_PAGE} />;
    case 'step':
      return <CaseScreen key={route.caseId} caseId={route.caseId} page={route.step} />;
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
        <StartupWarnings />
        {settingsError !== null && <ErrorNotice error={settingsError} context={t('app.settingsError')} />}
        <ErrorBoundary resetKey={hashRoute.hash}>
          <Screen route={hashRoute.route} />
        </ErrorBoundary>
      </main>
      <PromptHost />
    </RouteContext.Provider>
  );
}
