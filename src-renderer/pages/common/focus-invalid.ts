import { useEffect, useRef } from 'react';

/**
 * After a check or a refusal marks fields invalid, put the keyboard on the first of them, so
 * the person (and a screen reader) lands on the field and its message, even in a long form.
 * `marked` changes each time fields are marked (not when a message is put away as its field
 * changes: the keyboard stays where the person is typing).
 */
export function useFocusFirstInvalid<T extends HTMLElement>(marked: number) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (marked === 0) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [marked]);
  return ref;
}
