import { useState } from 'react';

/**
 * One action a person starts with a button: busy while it runs (the button shows it),
 * and the gate's refusal or failure kept for an ErrorAlert next to that button.
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
      setError(problem);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
