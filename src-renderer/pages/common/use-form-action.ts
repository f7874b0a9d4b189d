import { useState } from 'react';
import { splitGateError, type GateRoutes } from './field-errors';
import { useFocusFirstInvalid } from './focus-invalid';
import { useAction } from './use-action';

/**
 * A form's gated action (see useAction): busy while it runs; the gate's refusal put beside
 * the fields it concerns (splitGateError with `routes`), the keyboard then on the first of
 * them; what concerns no one field kept in `error` for the form's ErrorAlert. The form's own
 * checks set `fieldErrors` directly; `clear` puts every message away (closing, undoing).
 */
export function useFormAction<F extends string, T extends HTMLElement = HTMLFormElement>(routes: GateRoutes<F> = {}) {
  const action = useAction();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<F, string>>>({});
  const formRef = useFocusFirstInvalid<T>(fieldErrors);

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

  return { busy: action.busy, error: action.error, fieldErrors, setFieldErrors, formRef, run, clear };
}
