import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/shared/error-codes';
import { useApi } from '../app/api-context';
import { ErrorNotice } from '../ui/error-notice';
import { settle } from '../ui/safe-call';
import { TextField } from '../ui/text-field';
import { PackOptions } from './pack-options';
import { checkSize, DEFAULT_PART_SIZE } from './ship-inputs';
import type { BundleFormat, SourceScan } from './ship-types';
import { SourcePreview } from './source-preview';
import { afterRender } from './focus-on-change';

type Scan = { status: 'none' } | { status: 'scanning' } | { status: 'ready'; dir: string; scan: SourceScan };
const NO_SCAN: Scan = { status: 'none' };

export type PackRequest = {
  sourceDir: string;
  format: BundleFormat;
  partSize: number;
  consentedBinaries: string[];
};

type Props = {
  caseId: string;
  /** A pack job of this case is running: nothing here may change. */
  busy: boolean;
  onPack: (request: PackRequest) => Promise<ApiError | null>;
};

/**
 * Preview first, then pack: the preview is what the user consents to, so
 * editing the folder's path throws it away. Browser mode has no folder picker:
 * the path is typed (the redacted folder `casekit redact --out` wrote).
 */
export function PackForm({ caseId, busy, onPack }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const packHintId = useId();
  const [sourceDir, setSourceDir] = useState('');
  const [sourceError, setSourceError] = useState<string | null>(null);
  const [scan, setScan] = useState<Scan>(NO_SCAN);
  const [scanError, setScanError] = useState<ApiError | null>(null);
  const [consented, setConsented] = useState<ReadonlySet<string>>(new Set());
  const [format, setFormat] = useState<BundleFormat>('tar.gz');
  const [partSize, setPartSize] = useState(DEFAULT_PART_SIZE);
  const [packError, setPackError] = useState<ApiError | null>(null);
  const sourceRef = useRef<HTMLInputElement>(null);
  const previewRef = useRef<HTMLDivElement>(null);

  const partCheck = checkSize(partSize);
  const ready = scan.status === 'ready' ? scan : null;
  const consentMissing = ready !== null && ready.scan.binaries.some((binary) => !consented.has(binary.path));
  const canPack = ready !== null && !consentMissing && partCheck.ok && !busy;
  const packHint = consentMissing
    ? t('ship.bundle.packNeedsConsent')
    : partCheck.ok
      ? null
      : t('ship.bundle.packNeedsPartSize');

  const changeSource = (value: string): void => {
    setSourceDir(value);
    if (scan.status === 'ready') setScan(NO_SCAN);
  };

  const preview = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const dir = sourceDir.trim();
    if (dir === '') {
      setSourceError(t('ship.bundle.sourceRequired'));
      sourceRef.current?.focus();
      return;
    }
    setSourceError(null);
    setScanError(null);
    setPackError(null);
    setScan({ status: 'scanning' });
    const result = await settle(() => api.scanBundleSource({ caseId, sourceDir: dir }));
    if (!result.ok) {
      setScan(NO_SCAN);
      setScanError(result.error);
      return;
    }
    setConsented(new Set());
    setScan({ status: 'ready', dir, scan: result.data });
    // The preview is what the next step is about; land on it so it is read.
    afterRender(() => previewRef.current?.focus());
  };

  const pack = async (): Promise<void> => {
    if (ready === null || !partCheck.ok) return;
    setPackError(null);
    const error = await onPack({
      sourceDir: ready.dir,
      format,
      partSize: partCheck.bytes,
      consentedBinaries: ready.scan.binaries.map((binary) => binary.path).filter((path) => consented.has(path)),
    });
    setPackError(error);
  };

  return (
    <div className="pack-form">
      <form className="form" noValidate onSubmit={(event) => void preview(event)}>
        <TextField
          ref={sourceRef}
          label={t('ship.bundle.source')}
          hint={t('ship.bundle.sourceHint')}
          error={sourceError}
          value={sourceDir}
          onChange={(event) => changeSource(event.target.value)}
          disabled={busy}
          spellCheck={false}
        />
        <div className="actions">
          <button type="submit" disabled={busy || scan.status === 'scanning'}>
            {scan.status === 'scanning' ? t('ship.bundle.previewing') : t('ship.bundle.preview')}
          </button>
        </div>
      </form>
      {scanError !== null && <ErrorNotice error={scanError} context={t('ship.bundle.previewFailed')} live />}
      {ready !== null && (
        <div ref={previewRef} tabIndex={-1} className="card" aria-label={t('ship.bundle.previewLabel')} role="group">
          <SourcePreview
            scan={ready.scan}
            consented={consented}
            onConsent={(path, given) =>
              setConsented((current) => {
                const next = new Set(current);
                if (given) next.add(path);
                else next.delete(path);
                return next;
              })
            }
          />
          <PackOptions
            format={format}
            onFormat={setFormat}
            partSize={partSize}
            partCheck={partCheck}
            onPartSize={setPartSize}
            disabled={busy}
          />
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={!canPack}
              aria-describedby={packHint === null ? undefined : packHintId}
              onClick={() => void pack()}
            >
              {t('ship.bundle.pack')}
            </button>
            {packHint !== null && !busy && (
              <span id={packHintId} className="muted">
                {packHint}
              </span>
            )}
          </div>
          {packError !== null && <ErrorNotice error={packError} context={t('ship.bundle.packFailed')} live />}
        </div>
      )}
    </div>
  );
}
