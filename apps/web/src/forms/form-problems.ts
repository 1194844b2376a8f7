import { createContext, useContext } from 'react';
import { ApiError, type FieldProblems } from '../api/api-error';
import { describeApiError } from '../api/error-messages';

export type { FieldProblems };

/** What went wrong with a submission: one sentence for the form, one per field that needs fixing. */
export interface FormProblems {
  message: string;
  fields: FieldProblems;
}

export const CHECK_THE_DETAILS = 'There is a problem with some of the details.';

/** Field problems found before sending, or null when the values may go to the server. */
export function localProblems(fields: FieldProblems): FormProblems | null {
  return Object.keys(fields).length > 0 ? { message: CHECK_THE_DETAILS, fields } : null;
}

export interface ErrorExplanations {
  /** A sentence for the server's detail about one field, or undefined to leave it to the form's sentence. */
  explainField?: (field: string, problem: string) => string | undefined;
  /** The form's sentence for this error, when the page can say more than the code's usual one. */
  explainMessage?: (error: ApiError) => string | undefined;
}

/**
 * Turns a failed request into form problems: the server's field details become sentences
 * beside their fields, the code a sentence at the top.
 */
export function problemsFromError(error: unknown, { explainField, explainMessage }: ErrorExplanations = {}): FormProblems {
  if (!(error instanceof ApiError)) {
    console.error('unexpected failure in a form', error);
    return { message: 'Something went wrong in this page. Reload it and try again.', fields: {} };
  }
  const fields: FieldProblems = {};
  for (const [field, problem] of Object.entries(error.fieldProblems())) {
    const sentence = explainField?.(field, problem);
    if (sentence) fields[field] = sentence;
  }
  const message = explainMessage?.(error) ?? (Object.keys(fields).length > 0 ? CHECK_THE_DETAILS : describeApiError(error));
  return { message, fields };
}

export interface FormContextValue {
  formId: string;
  fields: FieldProblems;
}

export const FormContext = createContext<FormContextValue>({ formId: 'form', fields: {} });

/** Ids and the current problem for one field of the enclosing <Form>. */
export function useField(name: string): { id: string; hintId: string; errorId: string; error: string | undefined } {
  const { formId, fields } = useContext(FormContext);
  const id = fieldId(formId, name);
  return { id, hintId: `${id}-hint`, errorId: `${id}-error`, error: fields[name] };
}

export function fieldId(formId: string, name: string): string {
  return `${formId}-${name}`;
}

/** aria-describedby for a field: its hint and its error, whichever it has. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length > 0 ? present.join(' ') : undefined;
}
