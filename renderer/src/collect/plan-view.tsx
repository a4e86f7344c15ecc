import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatSize } from '../ship/use-format-size';
import { CheckboxField } from '../ui/checkbox-field';
import type { CollectItem, CollectionPlan } from './collect-types';
import { HostHeading } from './host-heading';
import { itemWhat } from './item-text';
import { choiceOf, isSelected, itemsByHost, selectionTotals, type Selection } from './plan-selection';

type Props = {
  plan: CollectionPlan;
  selection: Selection;
  onSelection: (selection: Selection) => void;
  /** The saved server's name for each target (server id). */
  names: ReadonlyMap<string, string>;
  disabled: boolean;
};

function toggled(set: ReadonlySet<string>, id: string, present: boolean): Set<string> {
  const next = new Set(set);
  if (present) next.add(id);
  else next.delete(id);
  return next;
}

/**
 * The size plan: per host and item the estimated size and time, the total
 * against the free space here, a tick per item to trim it, and the dumps, each
 * fetched only with its own tick after the warning.
 */
export function PlanView({ plan, selection, onSelection, names, disabled }: Props) {
  const { t } = useTranslation();
  const format = useFormatSize();
  const totals = selectionTotals(plan.collection, selection, plan.totals.localFreeBytes);
  const byHost = itemsByHost(plan.collection);
  const dumps = plan.collection.items.filter((item) => choiceOf(item) === 'consent');
  const dumpsId = useId();

  const trim = (item: CollectItem, keep: boolean): void =>
    onSelection({ ...selection, excluded: toggled(selection.excluded, item.id, !keep) });
  const consent = (item: CollectItem, given: boolean): void =>
    onSelection({ ...selection, consent: toggled(selection.consent, item.id, given) });

  return (
    <div className="collect-plan">
      <div
        className={totals.fits ? 'notice notice-info' : 'notice notice-error'}
        role="group"
        aria-label={t('collect.plan.totalsLabel')}
      >
        <p>
          {t('collect.plan.totals', {
            count: totals.items,
            size: format.bytes(totals.bytes),
            time: format.duration(totals.seconds),
          })}
        </p>
        <p>{t('collect.plan.free', { size: format.bytes(plan.totals.localFreeBytes) })}</p>
        {!totals.fits && <p>{t('collect.plan.doesNotFit')}</p>}
      </div>
      {plan.collection.hosts.map((host) => {
        const items = (host.host === null ? undefined : byHost.get(host.host)) ?? [];
        const headingId = `plan-host-${host.target}`;
        return (
          <section key={host.target} className="card collect-host" aria-labelledby={headingId}>
            <HostHeading host={host} name={names.get(host.target) ?? null} headingId={headingId} />
            {host.error !== null && (
              <p className="field-error">{t('collect.host.error', { message: host.error.message })}</p>
            )}
            {items.length > 0 && (
              <table className="collect-table">
                <thead>
                  <tr>
                    <th scope="col">{t('collect.plan.collect')}</th>
                    <th scope="col">{t('collect.plan.item')}</th>
                    <th scope="col">{t('collect.plan.kind')}</th>
                    <th scope="col">{t('collect.plan.size')}</th>
                    <th scope="col">{t('collect.plan.time')}</th>
                    <th scope="col">{t('collect.plan.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <PlanRow
                      key={item.id}
                      item={item}
                      selected={isSelected(item, selection)}
                      onTrim={(keep) => trim(item, keep)}
                      disabled={disabled}
                    />
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
      {dumps.length > 0 && (
        <fieldset className="notice notice-warning binary-consent" aria-describedby={dumpsId} disabled={disabled}>
          <legend>{t('collect.dumps.title', { count: dumps.length })}</legend>
          <p id={dumpsId}>{t('collect.dumps.warning')}</p>
          {dumps.map((item) => (
            <CheckboxField
              key={item.id}
              label={t('collect.dumps.consent', {
                host: item.host,
                path: itemWhat(item),
                size: item.size === null ? t('collect.plan.sizeUnknown') : format.bytes(item.size),
              })}
              checked={selection.consent.has(item.id)}
              onChange={(event) => consent(item, event.target.checked)}
            />
          ))}
        </fieldset>
      )}
    </div>
  );
}

function PlanRow({
  item,
  selected,
  onTrim,
  disabled,
}: {
  item: CollectItem;
  selected: boolean;
  onTrim: (keep: boolean) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatSize();
  const choice = choiceOf(item);
  const what = itemWhat(item);
  const note =
    item.status === 'ok'
      ? t('collect.plan.alreadyHere')
      : choice === 'consent'
        ? t('collect.plan.needsConsent')
        : item.status === 'skipped'
          ? (item.reason ?? t('collect.status.skipped'))
          : '';
  return (
    <tr className={selected ? undefined : 'muted'}>
      <td>
        {choice === 'trim' && (
          <input
            type="checkbox"
            checked={selected}
            disabled={disabled}
            aria-label={t('collect.plan.include', { what })}
            onChange={(event) => onTrim(event.target.checked)}
          />
        )}
      </td>
      <th scope="row" className="file-path">
        {what}
      </th>
      <td>{t(`collect.kinds.${item.kind}`)}</td>
      <td>{item.size === null ? t('collect.plan.sizeUnknown') : format.bytes(item.size)}</td>
      <td>{item.estimatedSeconds === null ? '' : format.duration(item.estimatedSeconds)}</td>
      <td className="file-path">{note}</td>
    </tr>
  );
}
