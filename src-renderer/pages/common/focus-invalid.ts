import { useEffect, useRef } from 'react';

/**
 * After a refusal marks fields invalid, put the keyboard on the first of them, so the
 * person (and a screen reader) lands on the field and its message, even in a long form.
 */
export function useFocusFirstInvalid<T extends HTMLElement>(errors: object) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  return ref;
}
