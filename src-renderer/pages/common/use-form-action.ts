import { useCallback, useState } from 'react';
import { splitGateError, type GateRoutes } from './field-errors';
import { useFocusFirstInvalid } from './focus-invalid';
import { useAction } from './use-action';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * The messages shown beside a form's fields: every field in error is marked at once (`check`,
 * or `setFieldErrors` with the gate's issues), the keyboard then on the first of them (the
 * form's `formRef`), and each message goes as soon as its field changes (`clearField`, called
 * from the field's onChange), while the others stay.
 */
export function useFieldErrors<F extends string, T extends HTMLElement = HTMLFormElement>() {
  const [fieldErrors, setErrors] = useState<FieldErrors<F>>({});
  const [marked, setMarked] = useState(0);
  const formRef = useFocusFirstInvalid<T>(marked);

  const setFieldErrors = useCallback((errors: FieldErrors<F>) => {
    setErrors(errors);
    if (Object.keys(errors).length > 0) setMarked((n) => n + 1);
  }, []);

  const clearField = useCallback(
    (field: F) =>
      setErrors((current) => {
        if (current[field] === undefined) return current;
        const rest = { ...current };
        delete rest[field];
        return rest;
      }),
    [],
  );

  /**
   * The form's own checks, all at once: each field with a message (a sentence) is marked,
   * every other message put away. True when there is none, so the form may go on.
   */
  const check = useCallback(
    (problems: Partial<Record<F, string | false | null | undefined>>): boolean => {
      const found = Object.fromEntries(
        Object.entries(problems).filter(([, message]) => typeof message === 'string' && message),
      ) as FieldErrors<F>;
      setFieldErrors(found);
      return Object.keys(found).length === 0;
    },
    [setFieldErrors],
  );

  return { fieldErrors, setFieldErrors, clearField, check, formRef };
}

/**
 * A form's gated action (see useAction): busy while it runs; the gate's refusal put beside
 * the fields it concerns (splitGateError with `routes`: every field it names, at once), the
 * keyboard then on the first of them; what concerns no one field kept in `error` for the
 * form's ErrorAlert. The form's own checks go through `check`; each field's onChange calls
 * `clearField` so its message goes as soon as it is changed; `clear` puts every message away
 * (closing, undoing).
 */
export function useFormAction<F extends string, T extends HTMLElement = HTMLFormElement>(routes: GateRoutes<F> = {}) {
  const action = useAction();
  const { fieldErrors, setFieldErrors, clearField, check, formRef } = useFieldErrors<F, T>();

  const run = (work: () => Promise<void>) =>
    action.run(async () => {
      setFieldErrors({});
      try {
        await work();
      } catch (error) {
        const split = splitGateError<F>(error, routes);
        setFieldErrors(split.fields);
        if (split.rest) throw split.rest;
      }
    });

  const clear = () => {
    setFieldErrors({});
    action.setError(null);
  };

  return { busy: action.busy, error: action.error, fieldErrors, setFieldErrors, clearField, check, formRef, run, clear };
}
