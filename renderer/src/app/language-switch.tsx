import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, languageSchema } from '../../../electron/shared/settings-schemas';
import { toLanguage } from '../i18n/current-language';
import { useSettings } from './settings-context';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { update } = useSettings();
  const id = useId();

  const onChange = (event: ChangeEvent<HTMLSelectElement>): void => {
    const parsed = languageSchema.safeParse(event.target.value);
    if (!parsed.success) return;
    void i18n.changeLanguage(parsed.data);
    void update({ language: parsed.data });
  };

  return (
    <div className="field-inline">
      <label htmlFor={id}>{t('settings.language')}</label>
      <select id={id} value={toLanguage(i18n.language)} onChange={onChange}>
        {LANGUAGES.map((language) => (
          // Each language is named in itself, so anyone can find their own.
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
