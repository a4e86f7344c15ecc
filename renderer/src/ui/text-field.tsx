import { useId, type InputHTMLAttributes, type Ref } from 'react';

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
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={numeric ? `field ${SHORT}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <input
        {...input}
        ref={ref}
        id={id}
        autoComplete={AUTOCOMPLETE}
        inputMode={numeric ? NUMERIC_MODE : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
      />
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
