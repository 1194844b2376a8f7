import { useContext } from 'react';
import type { FieldProblems } from '../../api/api-error';
import { addInterval, normalizeTime, removeInterval, updateInterval, type IntervalPart, type IntervalValues } from '../../consultant/local-intervals';
import { FieldError } from '../../forms/FieldError';
import { describedBy, fieldId, FormContext } from '../../forms/form-problems';

interface IntervalRowsProps {
  intervals: IntervalValues[];
  /** The form's name of one time field, which its id and the error summary's link are made from. */
  fieldName: (index: number, part: IntervalPart) => string;
  /** "Monday", "24 December 2026": what the rows are the hours of, for labels read out of context. */
  dayLabel: string;
  /** Problems found while typing (overlaps, an end before its start), shown before any submission. */
  liveProblems: FieldProblems;
  onChange: (intervals: IntervalValues[]) => void;
}

const partLabels: Record<IntervalPart, string> = { start: 'From', end: 'Until' };

/**
 * A day's opening hours: one row per interval with "From" and "Until" times (typed HH:MM,
 * 24:00 for midnight), a way to remove each and to add another. Problems appear beside the
 * time they are about while the consultant types, not only after saving.
 */
export function IntervalRows({ intervals, fieldName, dayLabel, liveProblems, onChange }: IntervalRowsProps) {
  const { formId, fields } = useContext(FormContext);
  const full = intervals.length > 0 && addInterval(intervals).length === intervals.length;

  return (
    <div className="interval-rows">
      {intervals.length === 0 && <p className="muted small interval-empty">Closed</p>}
      {intervals.map((interval, index) => {
        const parts = (['start', 'end'] as const).map((part) => {
          const name = fieldName(index, part);
          const id = fieldId(formId, name);
          return { part, name, id, errorId: `${id}-error`, error: fields[name] ?? liveProblems[name] };
        });
        const invalid = parts.some((part) => part.error);
        return (
          <div key={interval.key} className={invalid ? 'interval-row field-invalid' : 'interval-row'} role="group" aria-label={`${dayLabel}, hours ${index + 1}`}>
            {parts.map((part) => (
              <FieldError key={part.part} id={part.errorId} error={part.error} />
            ))}
            <div className="interval-controls">
              {parts.map(({ part, name, id, errorId, error }) => (
                <div key={part} className="interval-time">
                  <label htmlFor={id}>{partLabels[part]}</label>
                  <input
                    id={id}
                    name={name}
                    className="input input-time"
                    inputMode="numeric"
                    autoComplete="off"
                    placeholder="HH:MM"
                    maxLength={5}
                    value={interval[part]}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={describedBy(error && errorId)}
                    onChange={(event) => onChange(updateInterval(intervals, interval.key, part, event.target.value))}
                    onBlur={(event) => {
                      const written = normalizeTime(event.target.value);
                      if (written !== interval[part]) onChange(updateInterval(intervals, interval.key, part, written));
                    }}
                  />
                </div>
              ))}
              <button type="button" className="button button-quiet interval-remove" onClick={() => onChange(removeInterval(intervals, interval.key))}>
                Remove
                <span className="visually-hidden">
                  {' '}
                  {dayLabel} {interval.start || '?'}–{interval.end || '?'}
                </span>
              </button>
            </div>
          </div>
        );
      })}
      {!full && (
        <button type="button" className="button button-quiet interval-add" onClick={() => onChange(addInterval(intervals))}>
          + Add hours<span className="visually-hidden"> on {dayLabel}</span>
        </button>
      )}
    </div>
  );
}
