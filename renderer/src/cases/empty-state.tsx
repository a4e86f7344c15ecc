import { useTranslation } from 'react-i18next';

export function EmptyState() {
  const { t } = useTranslation();
  return (
    <section className="empty-state" aria-labelledby="empty-heading">
      <h2 id="empty-heading">{t('list.empty.title')}</h2>
      <p>{t('list.empty.body')}</p>
      <p>{t('list.empty.hint')}</p>
    </section>
  );
}
