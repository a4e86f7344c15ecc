import { useTranslation } from 'react-i18next';
import type { VerifyResult } from './ship-types';

/** What Verify found: all well, or each problem with the file it concerns (file names and messages as text). */
export function VerifyOutcome({ result, parts }: { result: VerifyResult; parts: number }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <div className="notice notice-success">
        <p>{t('ship.bundles.verifyOk', { count: parts })}</p>
      </div>
    );
  }
  return (
    <div className="notice notice-error">
      <p className="notice-title">{t('ship.bundles.verifyProblems', { count: result.problems.length })}</p>
      <ul>
        {result.problems.map((problem, index) => (
          <li key={index}>
            {problem.file !== null && <span className="file-name">{problem.file}: </span>}
            {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
