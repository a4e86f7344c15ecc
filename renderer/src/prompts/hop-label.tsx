import { useTranslation } from 'react-i18next';
import type { Hop } from '../../../electron/shared/server-schemas';

/**
 * Which server of a jump chain is asking, above the question itself: the
 * fingerprint or password is for that hop, not necessarily for the server
 * being tested. Nothing is shown for a direct connection.
 */
export function HopLabel({ hop }: { hop: Hop }) {
  const { t } = useTranslation();
  if (hop.jumpHosts === 0) return null;
  const text =
    hop.role === 'jump'
      ? t('prompts.hop.jump', { position: hop.position, total: hop.jumpHosts })
      : t('prompts.hop.target', { count: hop.jumpHosts });
  return (
    <p>
      <strong>{text}</strong>
    </p>
  );
}
