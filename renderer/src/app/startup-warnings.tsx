import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../electron/shared/api-contract';
import { settle } from '../ui/safe-call';
import { useApi } from './api-context';

type Warning = CallOutput<'getAppInfo'>['warnings'][number];

/** Problems of the installation itself (e.g. a slow SSH build), shown once at the top until fixed. */
export function StartupWarnings() {
  const { t } = useTranslation();
  const api = useApi();
  const [warnings, setWarnings] = useState<Warning[]>([]);

  useEffect(() => {
    let live = true;
    void settle(() => api.getAppInfo({})).then((result) => {
      if (live && result.ok) setWarnings(result.data.warnings);
    });
    return () => {
      live = false;
    };
  }, [api]);

  if (warnings.length === 0) return null;
  return (
    <section className="notice notice-warning" aria-labelledby="startup-warnings-title">
      <p id="startup-warnings-title" className="notice-title">
        {t('app.warnings.title')}
      </p>
      {warnings.map((warning) => (
        <div key={warning.code}>
          <p>{t(`app.warnings.${warning.code}`)}</p>
          <p className="notice-detail">
            <span className="notice-detail-label">{t('common.details')}</span> <span>{warning.detail}</span>
          </p>
        </div>
      ))}
    </section>
  );
}
