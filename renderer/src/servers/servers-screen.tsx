import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteFocus } from '../app/route-context';
import { useDocumentTitle } from '../ui/use-document-title';
import { KeychainStatus } from './keychain-status';
import { ServerListPanel } from './server-list-panel';

const GLOBAL = { kind: 'global' } as const;

/** The saved servers every case can pick from. */
export function ServersScreen() {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useRouteFocus(heading);
  useDocumentTitle(t('servers.title'));
  return (
    <section className="page" aria-labelledby="servers-heading">
      <h1 id="servers-heading" ref={heading} tabIndex={-1}>
        {t('servers.title')}
      </h1>
      <p>{t('servers.intro')}</p>
      <KeychainStatus />
      <ServerListPanel scope={GLOBAL} listLabel={t('servers.globalListLabel')} />
    </section>
  );
}
