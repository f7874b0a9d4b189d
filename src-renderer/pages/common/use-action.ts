import { useState } from 'react';
import { accessWasCancelled } from '../../app/access';

/**
 * One action a person starts with a button: busy while it runs (the button shows it),
 * and the gate's refusal or failure kept for an ErrorAlert next to that button. Closing
 * the case-and-purpose dialog is no error: nothing was done, and the screen stays as it was.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (problem) {
      if (!accessWasCancelled(problem)) setError(problem);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
