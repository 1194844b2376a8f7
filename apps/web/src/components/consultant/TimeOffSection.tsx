import { useState } from 'react';
import type { TimeOffView } from '@vetmeet/contracts/client';
import { ApiError } from '../../api/api-error';
import { addTimeOff, removeTimeOff } from '../../api/consultant-profile';
import { describeApiError } from '../../api/error-messages';
import { describeTimeOff, emptyTimeOff, toTimeOffPayload, validateTimeOff, type TimeOffValues } from '../../consultant/time-off';
import { wallTimeOf } from '../../format/zoned-time';
import { Form } from '../../forms/Form';
import { localProblems } from '../../forms/form-problems';
import { SubmitButton } from '../../forms/SubmitButton';
import { TextField } from '../../forms/TextField';
import { useFormSubmit } from '../../forms/use-form-submit';
import { StatusMessage } from '../StatusMessage';

interface TimeOffSectionProps {
  clinicId: string;
  /** The consultant's zone: times are typed and shown in it. */
  timeZone: string;
  timeOff: TimeOffView[];
  onChange: (timeOff: TimeOffView[]) => void;
}

const byStart = (a: TimeOffView, b: TimeOffView) => Date.parse(a.startsAt) - Date.parse(b.startsAt);

/** Holidays and absences: no slots are offered inside them, whatever the hours say. */
export function TimeOffSection({ clinicId, timeZone, timeOff, onChange }: TimeOffSectionProps) {
  const [values, setValues] = useState<TimeOffValues>(emptyTimeOff);
  const [status, setStatus] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();
  const zoneName = timeZone.replaceAll('_', ' ');

  function add(): void {
    setStatus(null);
    const found = localProblems(validateTimeOff(values, timeZone));
    if (found) {
      showProblems(found);
      return;
    }
    void run(
      async () => {
        const added = await addTimeOff(clinicId, toTimeOffPayload(values, timeZone));
        onChange([...timeOff, added].sort(byStart));
        setValues(emptyTimeOff);
        setStatus(`Time off added: ${describeTimeOff(added, timeZone)}.`);
      },
      { explainField: (field) => (field === 'endsAt' ? 'The end must be after the start, and in the future.' : field === 'startsAt' ? 'Enter when the time off starts.' : undefined) },
    );
  }

  async function remove(interval: TimeOffView): Promise<void> {
    setRemoving(interval.id);
    setRemoveError(null);
    setStatus(null);
    try {
      await removeTimeOff(clinicId, interval.id);
      onChange(timeOff.filter((other) => other.id !== interval.id));
      setStatus(`Time off removed: ${describeTimeOff(interval, timeZone)}.`);
    } catch (error) {
      setRemoveError(error instanceof ApiError ? describeApiError(error) : 'The time off could not be removed. Try again.');
    } finally {
      setRemoving(null);
    }
  }

  const now = wallTimeOf(Date.now(), timeZone);
  return (
    <section className="card section-card" aria-labelledby="time-off-title" data-testid="time-off">
      <h2 id="time-off-title">Time off</h2>
      <p className="muted">No consultations can be booked inside time off. Bookings you already have stay: cancel or move them from your calendar.</p>

      {timeOff.length === 0 ? (
        <p className="muted">No time off planned.</p>
      ) : (
        <ul className="plain-list time-off-list">
          {timeOff.map((interval) => (
            <li key={interval.id} className="time-off-item">
              <span>{describeTimeOff(interval, timeZone)}</span>
              <button type="button" className="button button-quiet" onClick={() => removing === null && void remove(interval)} aria-disabled={removing === interval.id || undefined}>
                {removing === interval.id ? 'Removing…' : 'Remove'}
                <span className="visually-hidden"> time off {describeTimeOff(interval, timeZone)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {removeError && (
        <p className="notice notice-error" role="alert">
          {removeError}
        </p>
      )}

      <h3 className="sub-heading" id="add-time-off-title">
        Add time off
      </h3>
      <Form id="add-time-off" problems={problems} busy={busy} onSubmit={add} aria-labelledby="add-time-off-title">
        <div className="field-row">
          <TextField
            name="startsAt"
            label="From"
            hint={`Date and time in your zone (${zoneName}).`}
            type="datetime-local"
            min={now}
            value={values.startsAt}
            onChange={(event) => setValues((current) => ({ ...current, startsAt: event.target.value }))}
          />
          <TextField
            name="endsAt"
            label="Until"
            hint={`Date and time in your zone (${zoneName}).`}
            type="datetime-local"
            min={values.startsAt || now}
            value={values.endsAt}
            onChange={(event) => setValues((current) => ({ ...current, endsAt: event.target.value }))}
          />
        </div>
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="Adding…" variant="default">
            Add time off
          </SubmitButton>
        </div>
      </Form>
      <StatusMessage message={status} />
    </section>
  );
}
