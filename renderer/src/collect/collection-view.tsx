import { useTranslation } from 'react-i18next';
import type { ItemLive } from '../../../electron/shared/collect-api-schemas';
import { useFormatSize } from '../ship/use-format-size';
import type { CollectItem, Collection } from './collect-types';
import { HostHeading } from './host-heading';
import { itemWhat } from './item-text';
import { itemsByHost } from './plan-selection';
import type { LiveItems } from './use-collection';

type Props = {
  collection: Collection;
  live: LiveItems;
  names: ReadonlyMap<string, string>;
  /** Where the collection is on this computer. */
  dir: string;
};

function counts(items: readonly CollectItem[]) {
  const by = { ok: 0, failed: 0, skipped: 0, pending: 0, running: 0 };
  for (const item of items) by[item.status] += 1;
  return by;
}

/**
 * The collection as it stands: per host its state, per item its status
 * (ok, failed with the reason, skipped with the reason) and, while it runs,
 * bytes, rate and time left. Everything from the servers is text only.
 */
export function CollectionView({ collection, live, names, dir }: Props) {
  const { t } = useTranslation();
  const byHost = itemsByHost(collection);
  const all = counts(collection.items);
  return (
    <div className="collection-view">
      <p>
        {t('collect.result.summary', {
          ok: all.ok,
          failed: all.failed,
          skipped: all.skipped,
          left: all.pending + all.running,
        })}
      </p>
      {dir !== '' && (
        <p className="muted">
          {t('collect.result.where')} <code className="file-path">{dir}</code>
        </p>
      )}
      <ul className="card-list" aria-label={t('collect.result.hostsLabel')}>
        {collection.hosts.map((host) => {
          const items = (host.host === null ? undefined : byHost.get(host.host)) ?? [];
          const headingId = `run-host-${host.target}`;
          return (
            <li key={host.target} className="card collect-host" aria-labelledby={headingId}>
              <HostHeading host={host} name={names.get(host.target) ?? null} headingId={headingId} />
              <p>
                <span className={`host-status host-status-${host.status}`}>
                  {t(`collect.hostStatus.${host.status}`)}
                </span>
                {host.error !== null && (
                  <>
                    {' '}
                    <span className="field-error">{host.error.message}</span>
                  </>
                )}
              </p>
              {items.length > 0 && (
                <table className="collect-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('collect.plan.item')}</th>
                      <th scope="col">{t('collect.plan.kind')}</th>
                      <th scope="col">{t('collect.result.status')}</th>
                      <th scope="col">{t('collect.plan.size')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => (
                      <ItemRow key={item.id} item={item} live={live.get(item.id) ?? null} />
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function ItemRow({ item, live }: { item: CollectItem; live: ItemLive | null }) {
  const { t } = useTranslation();
  const format = useFormatSize();
  const what = itemWhat(item);
  return (
    <tr className={`item-${item.status}`}>
      <th scope="row" className="file-path">
        {what}
      </th>
      <td>{t(`collect.kinds.${item.kind}`)}</td>
      <td>
        <span className="item-status">{t(`collect.status.${item.status}`)}</span>
        {item.reason !== null && (item.status === 'failed' || item.status === 'skipped') && (
          <>
            {' '}
            <span className="item-reason">{item.reason}</span>
          </>
        )}
        {item.status === 'running' && live !== null && <LiveFigures what={what} live={live} />}
      </td>
      <td>{item.size === null ? '' : format.bytes(item.size)}</td>
    </tr>
  );
}

function LiveFigures({ what, live }: { what: string; live: ItemLive }) {
  const { t } = useTranslation();
  const format = useFormatSize();
  const percent =
    live.bytesTotal !== null && live.bytesTotal > 0 ? Math.floor((live.bytesDone / live.bytesTotal) * 100) : null;
  return (
    <div className="item-live">
      <progress aria-label={t('collect.result.itemProgress', { what })} value={percent ?? undefined} max={100} />
      <span>
        {live.bytesTotal === null
          ? format.bytes(live.bytesDone)
          : t('ship.progress.bytesOf', { done: format.bytes(live.bytesDone), total: format.bytes(live.bytesTotal) })}
      </span>{' '}
      <span>{format.rate(live.rate)}</span>{' '}
      <span>
        {live.eta === null
          ? t('ship.progress.etaUnknown')
          : t('collect.result.left', { time: format.duration(live.eta) })}
      </span>
      {live.line !== null && <span className="job-current item-line">{live.line}</span>}
    </div>
  );
}
