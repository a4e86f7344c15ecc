import { useTranslation } from 'react-i18next';
import { TextField } from '../ui/text-field';
import { ChoiceGroup } from './choice-group';
import { PORTAL_LIMIT, type SizeCheck } from './ship-inputs';
import { BUNDLE_FORMATS, type BundleFormat } from './ship-types';
import { useSizeProblemText } from './use-problem-text';

type Props = {
  format: BundleFormat;
  onFormat: (format: BundleFormat) => void;
  partSize: string;
  partCheck: SizeCheck;
  onPartSize: (text: string) => void;
  disabled: boolean;
};

/** The bundle's format and how large each part may be, in the CLI's size notation. */
export function PackOptions({ format, onFormat, partSize, partCheck, onPartSize, disabled }: Props) {
  const { t } = useTranslation();
  const sizeText = useSizeProblemText();
  return (
    <>
      <ChoiceGroup
        legend={t('ship.bundle.format')}
        options={BUNDLE_FORMATS.map((option) => ({
          value: option,
          label: t(option === 'zip' ? 'ship.bundle.formatZip' : 'ship.bundle.formatTarGz'),
        }))}
        value={format}
        onChange={onFormat}
        disabled={disabled}
      />
      <TextField
        label={t('ship.bundle.partSize')}
        hint={t('ship.bundle.partSizeHint')}
        error={partCheck.ok ? null : sizeText(partCheck.problem)}
        value={partSize}
        onChange={(event) => onPartSize(event.target.value)}
        disabled={disabled}
        spellCheck={false}
      />
      {partCheck.ok && partCheck.bytes > PORTAL_LIMIT && (
        <p className="field-warning">{t('ship.bundle.partOverPortal')}</p>
      )}
    </>
  );
}
