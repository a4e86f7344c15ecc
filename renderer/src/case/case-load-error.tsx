import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { useRouteFocus } from '../app/route-context';
import { ErrorNotice } from '../ui/error-notice';
import { useDocumentTitle } from '../ui/use-document-title';

const UNREADABLE = new Set(['CASE_CORRUPT', 'CASE_FROM_NEWER_VERSION']);

/**
 * A case that could not be loaded. Nothing here can write to it: a damaged or
 * newer case must survive untouched until someone can deal with it.
 */
export function CaseLoadError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useRouteFocus(heading);
  useDocumentTitle(t('case.unreadable.title'));
  return (
    <section aria-labelledby="case-error-heading">
      <h1 id="case-error-heading" ref={heading} tabIndex={-1}>
        {t('case.unreadable.title')}
      </h1>
      <ErrorNotice error={error}>{UNREADABLE.has(error.code) && <p>{t('case.unreadable.body')}</p>}</ErrorNotice>
      {error.retryable && (
        <p className="actions">
          <button type="button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </p>
      )}
    </section>
  );
}
