import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../app/api-context';
import { useApiQuery } from '../ui/use-api-query';
import { useCasekitEvent } from '../ui/use-casekit-event';
import { BundleItem } from './bundle-item';
import { QueryStatus } from './query-status';

type Props = { caseId: string; chosen: string | null; onChoose: (bundleDir: string) => void };

/** The case's bundles, newest first; a finished pack job adds one. */
export function BundleList({ caseId, chosen, onChoose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const query = useCallback(() => api.listBundles({ caseId }), [api, caseId]);
  const { state, reload } = useApiQuery(query);
  useCasekitEvent('jobChanged', (summary) => {
    if (summary.kind === 'pack' && summary.caseId === caseId && summary.state === 'succeeded') void reload();
  });

  return (
    <div className="bundle-list">
      <h4 id="ship-bundles-heading">{t('ship.bundles.title')}</h4>
      <QueryStatus state={state} failed={t('ship.bundles.loadFailed')} reload={() => void reload()} />
      {state.status === 'ready' && state.data.bundles.length === 0 && (
        <p className="muted">{t('ship.bundles.empty')}</p>
      )}
      {state.status === 'ready' && state.data.bundles.length > 0 && (
        <ul className="card-list" aria-labelledby="ship-bundles-heading">
          {state.data.bundles.map((bundle) => (
            <BundleItem
              key={bundle.dir}
              caseId={caseId}
              bundle={bundle}
              chosen={bundle.dir === chosen}
              onChoose={() => onChoose(bundle.dir)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
