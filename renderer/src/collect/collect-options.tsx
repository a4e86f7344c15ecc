import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceGroup } from '../ship/choice-group';
import { CheckboxField } from '../ui/checkbox-field';
import { TextField } from '../ui/text-field';
import { ITEM_GROUPS, type ChoiceProblems, type CollectChoices } from './collect-choices';
import type { ItemGroup } from './collect-types';
import type { HeapChoice, ZmdiaglogOptions } from './zmdiaglog-options';

type Props = {
  choices: CollectChoices;
  onChange: (choices: CollectChoices) => void;
  /** Shown once the user tried to plan, not while they are still typing. */
  problems: ChoiceProblems | null;
  disabled: boolean;
};

const HEAP_CHOICES: readonly HeapChoice[] = ['none', 'live', 'core'];
const ZMDIAGLOG: ItemGroup = 'zmdiaglog';

/** What to gather from every chosen server: the kinds of items, zmdiaglog's options, the incident window. */
export function CollectOptions({ choices, onChange, problems, disabled }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const toggleGroup = (group: ItemGroup, chosen: boolean): void => {
    const groups = new Set(choices.groups);
    if (chosen) groups.add(group);
    else groups.delete(group);
    onChange({ ...choices, groups });
  };
  const setZmdiaglog = (patch: Partial<ZmdiaglogOptions>): void =>
    onChange({ ...choices, zmdiaglog: { ...choices.zmdiaglog, ...patch } });
  const zmdiaglog = choices.zmdiaglog;

  return (
    <section className="collect-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('collect.options.title')}</h3>
      <fieldset className="collect-groups" disabled={disabled}>
        <legend>{t('collect.options.groups')}</legend>
        {ITEM_GROUPS.map((group) => (
          <CheckboxField
            key={group}
            label={t(`collect.groups.${group}`)}
            hint={t(`collect.groupHints.${group}`)}
            checked={choices.groups.has(group)}
            onChange={(event) => toggleGroup(group, event.target.checked)}
          />
        ))}
        {problems?.groups === 'none' && <p className="field-error">{t('collect.options.groupsRequired')}</p>}
      </fieldset>
      {choices.groups.has(ZMDIAGLOG) && (
        <fieldset className="collect-zmdiaglog" disabled={disabled}>
          <legend>{t('collect.zmdiaglog.title')}</legend>
          <ChoiceGroup
            legend={t('collect.zmdiaglog.heap')}
            options={HEAP_CHOICES.map((value) => ({ value, label: t(`collect.zmdiaglog.heapChoices.${value}`) }))}
            value={zmdiaglog.heap}
            onChange={(heap) => setZmdiaglog({ heap })}
          />
          {zmdiaglog.heap !== 'none' && <p className="notice notice-warning">{t('collect.zmdiaglog.heapWarning')}</p>}
          <CheckboxField
            label={t('collect.zmdiaglog.archive')}
            hint={t('collect.zmdiaglog.archiveHint')}
            checked={zmdiaglog.archive}
            onChange={(event) => setZmdiaglog({ archive: event.target.checked })}
          />
          <TextField
            label={t('collect.zmdiaglog.timeout')}
            hint={t('collect.zmdiaglog.timeoutHint')}
            numeric
            value={zmdiaglog.timeout}
            error={problems?.zmdiaglog.timeout === 'invalid' ? t('collect.zmdiaglog.timeoutInvalid') : null}
            onChange={(event) => setZmdiaglog({ timeout: event.target.value })}
          />
          <TextField
            label={t('collect.zmdiaglog.dest')}
            hint={t('collect.zmdiaglog.destHint')}
            value={zmdiaglog.dest}
            spellCheck={false}
            error={problems?.zmdiaglog.dest === 'relative' ? t('collect.zmdiaglog.destRelative') : null}
            onChange={(event) => setZmdiaglog({ dest: event.target.value })}
          />
          <CheckboxField
            label={t('collect.zmdiaglog.removeRemote')}
            hint={t('collect.zmdiaglog.removeRemoteHint')}
            checked={choices.removeRemoteZmdiaglog}
            onChange={(event) => onChange({ ...choices, removeRemoteZmdiaglog: event.target.checked })}
          />
        </fieldset>
      )}
      <TextField
        type="datetime-local"
        label={t('collect.options.since')}
        hint={t('collect.options.sinceHint')}
        value={choices.since}
        disabled={disabled}
        error={
          problems?.since === null || problems === null ? null : t(`collect.options.sinceProblems.${problems.since}`)
        }
        onChange={(event) => onChange({ ...choices, since: event.target.value })}
      />
    </section>
  );
}
