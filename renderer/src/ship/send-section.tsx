import { useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { useApi } from '../app/api-context';
import { useAnnounce } from '../app/status-context';
import { ErrorNotice } from '../ui/error-notice';
import { ChoiceGroup } from './choice-group';
import { EmailForm } from './email-form';
import { FtpForm } from './ftp-form';
import { isActive } from './job-view';
import { LinkForm } from './link-form';
import { PortalForm } from './portal-form';
import { ShipJobPanel } from './ship-job-panel';
import type { ShipChannelInput, ShipInput } from './ship-types';
import { useCaseJob } from './use-case-job';
import { afterRender } from './focus-on-change';

const CHANNELS = ['ftp', 'portal', 'email', 'link'] as const;
type Channel = (typeof CHANNELS)[number];

type Props = {
  caseId: string;
  /** The bundle folder chosen in the list above; a download link needs none. */
  bundleDir: string | null;
  headingRef: RefObject<HTMLHeadingElement | null>;
};

const folderName = (dir: string): string => dir.split(/[\\/]/).filter(Boolean).pop() ?? dir;

/** Send the chosen bundle by FTP, to the portal, by e-mail, or record a download link for it. */
export function SendSection({ caseId, bundleDir, headingRef }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const announce = useAnnounce();
  const [channel, setChannel] = useState<Channel>('portal');
  const [startError, setStartError] = useState<ApiError | null>(null);
  const [pausing, setPausing] = useState(false);
  // What the job on screen was started with: Resume and Retry start exactly that again.
  const [lastInput, setLastInput] = useState<ShipInput | null>(null);
  const { job, start, cancel } = useCaseJob(caseId, 'ship');
  const shipping = job !== null && isActive(job.state);
  const pauseButton = useRef<HTMLButtonElement>(null);

  const ship = async (input: ShipInput): Promise<void> => {
    setStartError(null);
    setLastInput(input);
    const error = await start(() => api.startShip(input));
    if (error !== null) return setStartError(error);
    // Start (or Resume) is now disabled or gone: Pause takes its focus.
    afterRender(() => pauseButton.current?.focus());
  };
  const startChannel = (channelInput: ShipChannelInput): void => {
    if (bundleDir !== null) void ship({ caseId, bundleDir, channel: channelInput });
  };
  const pause = async (): Promise<void> => {
    setPausing(true);
    const error = await cancel();
    setPausing(false);
    if (error !== null) announce(`${t('ship.send.pauseFailed')} ${t(`errors.${error.code}`)}`, 'error');
  };

  const needsBundle = channel !== 'link';
  return (
    <section className="ship-section" aria-labelledby="ship-send-heading">
      <h3 id="ship-send-heading" ref={headingRef} tabIndex={-1}>
        {t('ship.send.title')}
      </h3>
      {bundleDir === null ? (
        <p className="muted">{t('ship.send.noBundle')}</p>
      ) : (
        <p>{t('ship.send.bundle', { name: folderName(bundleDir) })}</p>
      )}
      <ChoiceGroup
        legend={t('ship.send.channel')}
        options={CHANNELS.map((option) => ({ value: option, label: t(`ship.channels.${option}`) }))}
        value={channel}
        onChange={setChannel}
        disabled={shipping}
      />
      <div className="card channel-panel">
        {needsBundle && bundleDir === null ? (
          <p>{t('ship.send.chooseFirst')}</p>
        ) : channel === 'ftp' ? (
          <FtpForm disabled={shipping} onStart={startChannel} />
        ) : channel === 'portal' ? (
          <PortalForm disabled={shipping} onStart={startChannel} />
        ) : channel === 'email' && bundleDir !== null ? (
          <EmailForm caseId={caseId} bundleDir={bundleDir} disabled={shipping} />
        ) : (
          <LinkForm caseId={caseId} disabled={false} />
        )}
      </div>
      {startError !== null && <ErrorNotice error={startError} context={t('ship.send.startFailed')} live />}
      {job !== null && (
        <ShipJobPanel
          view={job}
          pausing={pausing}
          pauseRef={pauseButton}
          onPause={() => void pause()}
          onResume={lastInput === null ? null : () => void ship(lastInput)}
        />
      )}
    </section>
  );
}
