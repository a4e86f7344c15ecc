import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../ui/checkbox-field';
import type { SourceScan } from './ship-types';
import { useFormatSize } from './use-format-size';

type Props = {
  scan: SourceScan;
  consented: ReadonlySet<string>;
  onConsent: (path: string, given: boolean) => void;
};

/**
 * What packing would take. Binary files (core dumps, heap dumps, memory images)
 * cannot be redacted, so each needs its own tick; there is no "tick all".
 */
export function SourcePreview({ scan, consented, onConsent }: Props) {
  const { t } = useTranslation();
  const format = useFormatSize();
  const missing = scan.binaries.filter((binary) => !consented.has(binary.path)).length;
  return (
    <div className="source-preview">
      <p>{t('ship.bundle.scanSummary', { count: scan.files, size: format.bytes(scan.bytes) })}</p>
      {scan.binaries.length === 0 ? (
        <p className="muted">{t('ship.bundle.noBinaries')}</p>
      ) : (
        <fieldset className="notice notice-warning binary-consent">
          <legend>{t('ship.bundle.binariesTitle', { count: scan.binaries.length })}</legend>
          <p>{t('ship.bundle.binariesWarning')}</p>
          <p>{t('ship.bundle.binariesHow')}</p>
          {scan.binaries.map((binary) => (
            <CheckboxField
              key={binary.path}
              label={t('ship.bundle.consent', { path: binary.path, size: format.bytes(binary.size) })}
              checked={consented.has(binary.path)}
              onChange={(event) => onConsent(binary.path, event.target.checked)}
            />
          ))}
          {missing > 0 && <p className="field-error">{t('ship.bundle.consentMissing', { count: missing })}</p>}
        </fieldset>
      )}
    </div>
  );
}
