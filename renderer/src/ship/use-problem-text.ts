import { useTranslation } from 'react-i18next';
import { MIN_SIZE, type SizeProblem, type UrlProblem } from './ship-inputs';

/** Field problems as sentences, one place for the wording of every size field. */
export function useSizeProblemText(): (problem: SizeProblem) => string {
  const { t } = useTranslation();
  return (problem) =>
    problem === 'required'
      ? t('ship.validation.sizeRequired')
      : problem === 'invalid'
        ? t('ship.validation.sizeInvalid')
        : t('ship.validation.sizeTooSmall', { min: MIN_SIZE });
}

/** `schemes`: how the address should start, named in the message ("ftp:// or ftps://"). */
export function useUrlProblemText(): (problem: UrlProblem | null, schemes: string) => string | null {
  const { t } = useTranslation();
  return (problem, schemes) => {
    switch (problem) {
      case null:
        return null;
      case 'required':
        return t('ship.validation.urlRequired');
      case 'invalid':
        return t('ship.validation.urlInvalid', { schemes });
      case 'scheme':
        return t('ship.validation.urlScheme', { schemes });
      case 'credentials':
        return t('ship.validation.urlCredentials');
      case 'password':
        return t('ship.validation.urlPassword');
      case 'query':
        return t('ship.validation.urlQuery');
    }
  };
}
