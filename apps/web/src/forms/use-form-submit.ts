import { useCallback, useRef, useState } from 'react';
import { problemsFromError, type ErrorExplanations, type FormProblems } from './form-problems';

export interface FormSubmit {
  busy: boolean;
  problems: FormProblems | null;
  /** Shows problems found in the browser, without sending anything. */
  showProblems(problems: FormProblems): void;
  /** Takes the problems away, e.g. when the form switches to other fields. */
  clearProblems(): void;
  /** Runs the action once at a time; a failure becomes the form's problems, explained as the page says. */
  run(action: () => Promise<void>, explanations?: ErrorExplanations): Promise<void>;
}

export function useFormSubmit(): FormSubmit {
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems | null>(null);
  // A ref, not the state: two quick clicks arrive before React re-renders.
  const running = useRef(false);

  const run = useCallback<FormSubmit['run']>(async (action, explanations) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await action();
      setProblems(null);
    } catch (error) {
      setProblems(problemsFromError(error, explanations));
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  const clearProblems = useCallback(() => setProblems(null), []);

  return { busy, problems, showProblems: setProblems, clearProblems, run };
}
