import { useTranslation } from 'react-i18next';
import type { CaseProblem } from '../../../electron/shared/case-schemas';

/** Case folders the back end could not read. Their messages are untrusted and shown as text only. */
export function CaseProblemList({ problems }: { problems: CaseProblem[] }) {
  const { t } = useTranslation();
  return (
    <section className="problems" aria-labelledby="problems-heading">
      <h2 id="problems-heading">{t('list.problems.title')}</h2>
      <p>{t('list.problems.intro', { count: problems.length })}</p>
      <ul className="problem-list">
        {problems.map((problem) => (
          <li key={`${problem.id}:${problem.folder}`} className="problem-item">
            <p className="problem-head">
              <span className="badge badge-warning">{t('list.problems.badge')}</span>{' '}
              <span className="problem-id">{problem.id}</span>
            </p>
            <p>{t(`errors.${problem.code}`)}</p>
            <p className="notice-detail">
              <span className="notice-detail-label">{t('common.details')}</span> <span>{problem.message}</span>
            </p>
            <p className="notice-detail">
              <span className="notice-detail-label">{t('list.problems.folder')}</span> <code>{problem.folder}</code>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
