import type { FormEvent, ReactNode } from 'react';
import { focusFirstInvalid } from './focus-on-change';

type Props = {
  /** Names the form for assistive technology: the channel. */
  label: string;
  submitLabel: string;
  disabled: boolean;
  /** Shows the fields' errors and sends when there are none; false when a field needs fixing first. */
  onSubmit: () => boolean;
  children: ReactNode;
};

/** The form of one channel: its fields, then the button that sends; a refused submit lands on the first problem. */
export function ChannelForm({ label, submitLabel, disabled, onSubmit, children }: Props) {
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (!onSubmit()) focusFirstInvalid(event.currentTarget);
  };
  return (
    <form className="form" noValidate onSubmit={submit} aria-label={label}>
      {children}
      <div className="actions">
        <button type="submit" className="primary" disabled={disabled}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
