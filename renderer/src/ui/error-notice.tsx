import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';

type Props = {
  error: ApiError;
  /** A translated sentence saying what failed, shown before the error itself. */
  context?: string;
  /** Announce at once (form errors) or wait to be read (page errors). */
  live?: boolean;
  children?: ReactNode;
};

/**
 * Our own translated message picked by code, then the back end's message as
 * detail. That message is untrusted text (file paths, server output) and is
 * only ever rendered as text.
 */
export function ErrorNotice({ error, context, live = false, children }: Props) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role={live ? 'alert' : undefined}>
      {context !== undefined && <p className="notice-context">{context}</p>}
      <p className="notice-title">{t(`errors.${error.code}`)}</p>
      {error.message !== '' && (
        <p className="notice-detail">
          <span className="notice-detail-label">{t('common.details')}</span> <span>{error.message}</span>
        </p>
      )}
      {children}
    </div>
  );
}
