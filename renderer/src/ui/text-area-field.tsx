import type { Ref, TextareaHTMLAttributes } from 'react';
import { FieldFrame } from './field-frame';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'aria-invalid' | 'aria-describedby'> & {
  label: string;
  hint?: string;
  /** Already translated; shown under the field and tied to it for screen readers. */
  error?: string | null;
  ref?: Ref<HTMLTextAreaElement>;
};

/** TextField's multi-line sibling: the same label, hint and error wiring. */
export function TextAreaField({ label, hint, error, ref, ...textarea }: Props) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {(wiring) => <textarea {...textarea} {...wiring} ref={ref} spellCheck={false} />}
    </FieldFrame>
  );
}
