import type { InputHTMLAttributes, Ref } from 'react';
import { FieldFrame } from './field-frame';

type Props = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'aria-invalid' | 'aria-describedby' | 'autoComplete' | 'inputMode'
> & {
  label: string;
  /** Digits only: a numeric keyboard on touch screens and a narrower box. */
  numeric?: boolean;
  hint?: string;
  /** Already translated; shown under the field and tied to it for screen readers. */
  error?: string | null;
  ref?: Ref<HTMLInputElement>;
};

// Case titles and numbers are never things a browser should suggest from history.
const AUTOCOMPLETE = 'off';
const NUMERIC_MODE = 'numeric';
const SHORT = 'field-short';

export function TextField({ label, hint, error, ref, numeric = false, ...input }: Props) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={numeric ? `field ${SHORT}` : 'field'}>
      {(wiring) => (
        <input
          {...input}
          {...wiring}
          ref={ref}
          autoComplete={AUTOCOMPLETE}
          inputMode={numeric ? NUMERIC_MODE : undefined}
        />
      )}
    </FieldFrame>
  );
}
