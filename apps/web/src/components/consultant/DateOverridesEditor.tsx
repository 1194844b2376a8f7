import type { FieldProblems } from '../../api/api-error';
import { newOverride, overrideDateField, overrideIntervalField, type OverrideValues } from '../../consultant/availability-form';
import { addInterval } from '../../consultant/local-intervals';
import { formatCalendarDate } from '../../format/dates';
import { useField } from '../../forms/form-problems';
import { FieldError } from '../../forms/FieldError';
import { IntervalRows } from './IntervalRows';

interface DateOverridesEditorProps {
  overrides: OverrideValues[];
  liveProblems: FieldProblems;
  /** The first date one may pick: today in the consultant's zone. */
  minDate: string;
  onChange: (overrides: OverrideValues[]) => void;
}

/** Dates whose hours differ from the week's: closed all day (a holiday) or open at their own hours. */
export function DateOverridesEditor({ overrides, liveProblems, minDate, onChange }: DateOverridesEditorProps) {
  const change = (key: string, patch: Partial<OverrideValues>) => onChange(overrides.map((override) => (override.key === key ? { ...override, ...patch } : override)));

  return (
    <fieldset className="fieldset override-list">
      <legend>Dates with other hours</legend>
      <p className="field-hint">A date here replaces that weekday's hours: close it for a holiday, or open it at other times.</p>
      {overrides.length === 0 && <p className="muted small">No dates with other hours.</p>}
      {overrides.map((override, index) => (
        <OverrideRow
          key={override.key}
          index={index}
          override={override}
          liveProblems={liveProblems}
          minDate={minDate}
          onChange={(patch) => change(override.key, patch)}
          onRemove={() => onChange(overrides.filter((other) => other.key !== override.key))}
        />
      ))}
      <button type="button" className="button button-quiet" onClick={() => onChange([...overrides, newOverride()])}>
        + Add a date
      </button>
    </fieldset>
  );
}

interface OverrideRowProps {
  index: number;
  override: OverrideValues;
  liveProblems: FieldProblems;
  minDate: string;
  onChange: (patch: Partial<OverrideValues>) => void;
  onRemove: () => void;
}

function OverrideRow({ index, override, liveProblems, minDate, onChange, onRemove }: OverrideRowProps) {
  const date = useField(overrideDateField(index));
  const closed = useField(`override-${index}-closed`);
  const dayLabel = override.date ? formatCalendarDate(override.date) : `date ${index + 1}`;

  return (
    <div className="override-row" role="group" aria-label={`Other hours, ${dayLabel}`}>
      <div className={date.error ? 'field field-invalid override-date' : 'field override-date'}>
        <label htmlFor={date.id}>Date</label>
        <FieldError id={date.errorId} error={date.error} />
        <input
          id={date.id}
          name={overrideDateField(index)}
          type="date"
          className="input input-medium"
          min={minDate}
          value={override.date}
          aria-invalid={date.error ? true : undefined}
          aria-describedby={date.error ? date.errorId : undefined}
          onChange={(event) => onChange({ date: event.target.value })}
        />
      </div>
      <div className="checkbox override-closed">
        <input id={closed.id} type="checkbox" checked={override.closed} onChange={(event) =>
            onChange({ closed: event.target.checked, intervals: event.target.checked || override.intervals.length > 0 ? override.intervals : addInterval([]) })
          } />
        <label htmlFor={closed.id}>Closed all day</label>
      </div>
      {!override.closed && (
        <IntervalRows
          intervals={override.intervals}
          fieldName={(at, part) => overrideIntervalField(index, at, part)}
          dayLabel={dayLabel}
          liveProblems={liveProblems}
          onChange={(intervals) => onChange({ intervals })}
        />
      )}
      <button type="button" className="button button-quiet override-remove" onClick={onRemove}>
        Remove<span className="visually-hidden"> {dayLabel}</span>
      </button>
    </div>
  );
}
