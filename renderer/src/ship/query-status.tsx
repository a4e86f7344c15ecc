import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ui/error-notice';
import type { QueryState } from '../ui/use-api-query';

/** While a list loads, or why it did not, with a way to try again; nothing once it is there. */
export function QueryStatus<T>({
  state,
  failed,
  reload,
}: {
  state: QueryState<T>;
  failed: string;
  reload: () => void;
}) {
  const { t } = useTranslation();
  if (state.status === 'loading') return <p aria-busy="true">{t('common.loading')}</p>;
  if (state.status === 'ready') return null;
  return (
    <ErrorNotice error={state.error} context={failed}>
      <button type="button" onClick={reload}>
        {t('common.retry')}
      </button>
    </ErrorNotice>
  );
}
