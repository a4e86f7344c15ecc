import { useEffect, useRef, type RefObject } from 'react';

/**
 * Moves focus to `ref` when `key` changes to a value worth landing on (not
 * null), but not on the first render: the button the user pressed is about to
 * be disabled or gone, and focus must not fall back to the page's start.
 */
export function useFocusOnChange(ref: RefObject<HTMLElement | null>, key: string | null): void {
  const previous = useRef(key);
  useEffect(() => {
    if (key !== null && key !== previous.current) ref.current?.focus();
    previous.current = key;
  }, [key, ref]);
}

/**
 * Runs `move` once React has rendered the update under way: the element to
 * focus (a result, the Pause button, a field's error) appears only with it.
 */
export function afterRender(move: () => void): void {
  setTimeout(move, 0);
}

/** After a submit that found problems: their messages render with this update, so focus the first one after it. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  afterRender(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
