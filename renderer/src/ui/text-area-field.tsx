import { useId, type Ref, type TextareaHTMLAttributes } from 'react';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'aria-invalid' | 'aria-describedby'> & {
  label: string;
  hint?: string;
  /** Already translated; shown under the field and tied to it for screen readers. */
  error?: string | null;
  ref?: Ref<HTMLTextAreaElement>;
};

/** TextField's multi-line sibling: the same label, hint and error wiring. */
export function TextAreaField({ label, hint, error, ref, ...textarea }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <textarea
        {...textarea}
        ref={ref}
        id={id}
        spellCheck={false}
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
