import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerScope } from '../../../electron/shared/server-schemas';
import { useRouteFocus } from '../app/route-context';
import { caseHref, serversHref } from '../app/routes';
import { AddFromSaved } from './add-from-saved';
import { KeychainStatus } from './keychain-status';
import { ServerListPanel } from './server-list-panel';

const caseScope = (caseId: string): ServerScope => ({ kind: 'case', caseId });

/** The servers of one case: its own list, filled by hand or from the saved servers. */
export function CaseServers({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useRouteFocus(heading);
  return (
    <section aria-labelledby="case-servers-heading">
      <h2 id="case-servers-heading" ref={heading} tabIndex={-1}>
        {t('servers.caseTitle')}
      </h2>
      <p>{t('servers.caseIntro')}</p>
      <KeychainStatus />
      <ServerListPanel scope={caseScope(caseId)} listLabel={t('servers.caseListLabel')} />
      <AddFromSaved caseId={caseId} />
      <p className="actions">
        <a href={caseHref(caseId)}>{t('servers.backToCase')}</a>
        <a href={serversHref()}>{t('servers.manageSaved')}</a>
      </p>
    </section>
  );
}
