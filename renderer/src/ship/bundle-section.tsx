import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { BundleList } from './bundle-list';
import { JobOutcome } from './job-outcome';
import { JobProgress } from './job-progress';
import { isActive } from './job-view';
import { PackForm, type PackRequest } from './pack-form';
import { useCaseJob } from './use-case-job';
import { afterRender } from './focus-on-change';

type Props = {
  caseId: string;
  chosen: string | null;
  onChoose: (bundleDir: string) => void;
};

/** Pack the redacted folder into a bundle of parts, and the case's bundles so far. */
export function BundleSection({ caseId, chosen, onChoose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const { job, start, cancel } = useCaseJob(caseId, 'pack');
  const active = job !== null && isActive(job.state);
  const cancelButton = useRef<HTMLButtonElement>(null);

  const pack = async (request: PackRequest): Promise<ApiError | null> => {
    const error = await start(() => api.startPack({ caseId, ...request }));
    // Pack is disabled while packing: Cancel takes the focus it had.
    if (error === null) afterRender(() => cancelButton.current?.focus());
    return error;
  };
  const stop = async (): Promise<void> => {
    const error = await cancel();
    if (error !== null) announce(`${t('ship.bundle.cancelFailed')} ${t(`errors.${error.code}`)}`, 'error');
  };

  return (
    <section className="ship-section" aria-labelledby="ship-bundle-heading">
      <h3 id="ship-bundle-heading">{t('ship.bundle.title')}</h3>
      <p>{t('ship.bundle.intro')}</p>
      <PackForm caseId={caseId} busy={active} onPack={pack} />
      {job !== null && (
        <div className="job" aria-busy={active}>
          {active && (
            <>
              <JobProgress
                view={job}
                label={t('ship.bundle.packing')}
                itemsLabel={t('ship.bundle.filesPacked')}
                currentLabel={t('ship.bundle.currentFile')}
              />
              <div className="actions">
                <button ref={cancelButton} type="button" onClick={() => void stop()}>
                  {t('ship.bundle.cancel')}
                </button>
              </div>
            </>
          )}
          <JobOutcome
            view={job}
            succeeded={t('ship.bundle.packed')}
            stopped={t('ship.bundle.packCancelled')}
            failed={t('ship.bundle.packFailed')}
          />
        </div>
      )}
      <BundleList caseId={caseId} chosen={chosen} onChoose={onChoose} />
    </section>
  );
}
