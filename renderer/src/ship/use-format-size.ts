import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];
const SECONDS_PER_MINUTE = 60;
const SECONDS_PER_HOUR = 3600;

export type SizeFormat = {
  /** Decimal units as the CLI prints them (9.96 MB), with the UI language's decimal mark. */
  bytes: (n: number) => string;
  rate: (bytesPerSecond: number) => string;
  /** "1 h 5 min", "3 min 20 s", "45 s". */
  duration: (seconds: number) => string;
};

export function useFormatSize(): SizeFormat {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
    const bytes = (n: number): string => {
      let value = n;
      let unit = 0;
      while (value >= 1000 && unit < UNITS.length - 1) {
        value /= 1000;
        unit++;
      }
      const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
      return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
    };
    const duration = (seconds: number): string => {
      const whole = Math.max(0, Math.round(seconds));
      const hours = Math.floor(whole / SECONDS_PER_HOUR);
      const minutes = Math.floor((whole % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE);
      const rest = whole % SECONDS_PER_MINUTE;
      if (hours > 0) return t('ship.duration.hours', { hours: number.format(hours), minutes });
      if (minutes > 0) return t('ship.duration.minutes', { minutes, seconds: rest });
      return t('ship.duration.seconds', { seconds: rest });
    };
    return { bytes, rate: (n) => t('ship.progress.rateValue', { size: bytes(n) }), duration };
  }, [language, t]);
}
