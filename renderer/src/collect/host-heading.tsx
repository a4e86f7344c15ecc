import { useTranslation } from 'react-i18next';
import type { CollectHost } from '../../../electron/shared/collect-schemas';

type Props = {
  host: CollectHost;
  /** The saved server's name for the host's target (a server id), when it is still in the case. */
  name: string | null;
  headingId: string;
};

/** A host of the collection: the server's name, what it calls itself, and its roles. Server text is text only. */
export function HostHeading({ host, name, headingId }: Props) {
  const { t } = useTranslation();
  const title = name ?? host.target;
  return (
    <>
      <h4 id={headingId}>
        {host.host === null || host.host === title ? title : t('collect.host.named', { name: title, host: host.host })}
      </h4>
      {host.services.length > 0 && (
        <p className="muted">{t('collect.servers.roles', { roles: host.services.join(', ') })}</p>
      )}
    </>
  );
}
