import { useId, type MouseEvent, type Ref } from 'react';
import { fieldId, type FormProblems } from './form-problems';

interface ErrorSummaryProps {
  formId: string;
  problems: FormProblems;
  ref: Ref<HTMLDivElement>;
}

/** The form's problems at its top, each linking to its field; focused when it appears. */
export function ErrorSummary({ formId, problems, ref }: ErrorSummaryProps) {
  const titleId = useId();
  const fields = Object.entries(problems.fields);

  function focusField(event: MouseEvent<HTMLAnchorElement>, name: string): void {
    const field = document.getElementById(fieldId(formId, name));
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: 'center' });
    field.focus();
  }

  return (
    <div ref={ref} className="error-summary" tabIndex={-1} aria-labelledby={titleId} data-testid="error-summary">
      <div role="alert">
        <h2 id={titleId} className="error-summary-title">
          {problems.message}
        </h2>
        {fields.length > 0 && (
          <ul className="error-summary-list">
            {fields.map(([name, sentence]) => (
              <li key={name}>
                <a href={`#${fieldId(formId, name)}`} onClick={(event) => focusField(event, name)}>
                  {sentence}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
