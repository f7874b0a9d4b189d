import { useState } from 'react';
import { accessWasCancelled } from '../../app/access';
import { useAction } from './use-action';
import { splitGateError } from './field-errors';
import { useFocusFirstInvalid } from './focus-invalid';

/**
 * A form's gated action (see useAction) whose refusal is put beside the fields it concerns
 * (splitGateError with `routes`), the keyboard then on the first of them; what concerns no
 * one field stays in `error` for the form's ErrorAlert. Closing the case-and-purpose dialog
 * is no error: the form stays as it was. The form's own checks set `fieldErrors` directly.
 */
export function useFormAction<F extends string, T extends HTMLElement = HTMLFormElement>(routes: {
  byCode?: Partial<Record<string, F>>;
  byPath?: Partial<Record<string, F>>;
}) {
  const action = useAction();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<F, string>>>({});
  const formRef = useFocusFirstInvalid<T>(fieldErrors);

  const run = (work: () => Promise<void>) =>
    action.run(async () => {
      try {
        await work();
      } catch (error) {
        if (accessWasCancelled(error)) return;
        const split = splitGateError<F>(error, routes);
        setFieldErrors(split.fields);
        if (split.rest) throw split.rest;
      }
    });

  return { busy: action.busy, error: action.error, fieldErrors, setFieldErrors, formRef, run };
}
