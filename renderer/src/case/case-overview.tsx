import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../electron/shared/case-schemas';
import { useApi } from '../app/api-context';
import { caseServersHref, listHref, stepHref } from '../app/routes';
import { useAnnounce } from '../app/status-context';
import { navigate } from '../app/use-hash-route';
import { parseCaseNumber, titleError } from '../cases/case-validation';
import { STEP_IDS } from '../steps/steps';
import { InlineEditForm } from '../ui/inline-edit-form';
import { CaseFacts } from './case-facts';
import { DeleteCaseDialog } from './delete-case-dialog';
import { RemoveNumberButton } from './remove-number-button';

type Props = {
  record: CaseRecord;
  onChanged: (record: CaseRecord) => void;
  onDeleting: (busy: boolean) => void;
};

type Editing = 'none' | 'title' | 'number' | 'delete';

export function CaseOverview({ record, onChanged, onDeleting }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const [editing, setEditing] = useState<Editing>('none');
  const renameButton = useRef<HTMLButtonElement>(null);
  const numberButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);

  const finish = (button: HTMLButtonElement | null): void => {
    setEditing('none');
    button?.focus();
  };
  const saved = (next: CaseRecord, message: string, button: HTMLButtonElement | null): void => {
    onChanged(next);
    announce(message);
    finish(button);
  };
  const onDeleted = (): void => {
    announce(t('case.deleted', { title: record.title }));
    setEditing('none');
    navigate(listHref());
  };
  const firstStep = STEP_IDS[0];

  return (
    <>
      <section className="card" aria-labelledby="manage-heading">
        <h2 id="manage-heading">{t('case.actions')}</h2>
        <CaseFacts record={record} />
        <div className="actions">
          <button ref={renameButton} type="button" onClick={() => setEditing('title')}>
            {t('case.rename')}
          </button>
          <button ref={numberButton} type="button" onClick={() => setEditing('number')}>
            {record.caseNumber === null ? t('case.addNumber') : t('case.changeNumber')}
          </button>
          {record.caseNumber !== null && (
            <RemoveNumberButton
              record={record}
              onRemoved={(next) => saved(next, t('case.numberRemoved'), numberButton.current)}
            />
          )}
          <button ref={deleteButton} type="button" className="danger-quiet" onClick={() => setEditing('delete')}>
            {t('case.delete')}
          </button>
        </div>
        {editing === 'title' && (
          <InlineEditForm
            label={t('case.title')}
            initialValue={record.title}
            submitLabel={t('case.saveTitle')}
            validate={(value) => {
              const problem = titleError(value);
              return problem === null ? null : t(problem);
            }}
            save={(value) => api.renameCase({ id: record.id, title: value.trim() })}
            onSaved={(next) => saved(next, t('case.renamed', { title: next.title }), renameButton.current)}
            onCancel={() => finish(renameButton.current)}
          />
        )}
        {editing === 'number' && (
          <InlineEditForm
            label={t('case.caseNumber')}
            hint={t('newCase.caseNumberHint')}
            initialValue={record.caseNumber ?? ''}
            submitLabel={t('case.saveNumber')}
            numeric
            validate={(value) => {
              const parsed = parseCaseNumber(value);
              return parsed.ok ? null : t(parsed.error);
            }}
            save={(value) => {
              const parsed = parseCaseNumber(value);
              return api.setCaseNumber({ id: record.id, caseNumber: parsed.ok ? parsed.value : null });
            }}
            onSaved={(next) =>
              saved(
                next,
                next.caseNumber === null ? t('case.numberRemoved') : t('case.numberSaved'),
                numberButton.current,
              )
            }
            onCancel={() => finish(numberButton.current)}
          />
        )}
      </section>
      <section aria-labelledby="case-servers-link-heading">
        <h2 id="case-servers-link-heading">{t('servers.caseTitle')}</h2>
        <p>{t('servers.caseSummary')}</p>
        <p>
          <a href={caseServersHref(record.id)}>{t('servers.openCaseServers')}</a>
        </p>
      </section>
      {firstStep !== undefined && (
        <section aria-labelledby="steps-heading">
          <h2 id="steps-heading">{t('steps.heading')}</h2>
          <p>{t('steps.intro')}</p>
          <p>
            <a href={stepHref(record.id, firstStep)}>{t('steps.start', { title: t(`steps.${firstStep}.title`) })}</a>
          </p>
        </section>
      )}
      {editing === 'delete' && (
        <DeleteCaseDialog
          record={record}
          onBusy={onDeleting}
          onCancel={() => finish(deleteButton.current)}
          onDeleted={onDeleted}
        />
      )}
    </>
  );
}
