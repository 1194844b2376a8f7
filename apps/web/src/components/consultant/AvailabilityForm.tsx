import { useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { ErrorCode, type ConsultantAvailabilityView, type ConsultantWeekday } from '@vetmeet/contracts/client';
import { saveAvailability } from '../../api/consultant-profile';
import {
  availabilityFieldOf,
  availabilityValuesOf,
  isAvailabilityField,
  liveHoursProblems,
  toAvailabilityPayload,
  validateAvailability,
  weekdayLabels,
  WEEKDAYS_FROM_MONDAY,
  weeklyField,
  type AvailabilityValues,
} from '../../consultant/availability-form';
import { newRowKey } from '../../consultant/local-intervals';
import { withFormFieldNames } from '../../consultant/server-fields';
import { wallTimeOf } from '../../format/zoned-time';
import { Form } from '../../forms/Form';
import { localProblems } from '../../forms/form-problems';
import { SubmitButton } from '../../forms/SubmitButton';
import { TextField } from '../../forms/TextField';
import { useFormSubmit } from '../../forms/use-form-submit';
import { StatusMessage } from '../StatusMessage';
import { DateOverridesEditor } from './DateOverridesEditor';
import { IntervalRows } from './IntervalRows';

interface AvailabilityFormProps {
  clinicId: string;
  availability: ConsultantAvailabilityView;
  onSaved: (availability: ConsultantAvailabilityView) => void;
}

type NumberSetting = 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'minimumNoticeMinutes' | 'horizonDays' | 'dailyLimit' | 'stepMinutes';

/**
 * The consultant's opening hours in their own zone: a weekly pattern, dates that differ, and
 * the rules slots are cut by (buffers, notice, how far ahead, a daily limit, the step).
 */
export function AvailabilityForm({ clinicId, availability, onSaved }: AvailabilityFormProps) {
  const [values, setValues] = useState<AvailabilityValues>(() => availabilityValuesOf(availability));
  const [status, setStatus] = useState<string | null>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();
  const timeZone = availability.timeZone;

  function submit(): void {
    setStatus(null);
    const found = localProblems(validateAvailability(values));
    if (found) {
      showProblems(found);
      return;
    }
    void run(
      async () => {
        const saved = await saveAvailability(clinicId, toAvailabilityPayload(values)).catch((error: unknown) => {
          throw withFormFieldNames(error, (field) => availabilityFieldOf(field, values));
        });
        setValues(availabilityValuesOf(saved));
        setStatus('Your hours were saved. Owners see the new slots at once.');
        onSaved(saved);
      },
      {
        explainField: (field, problem) => (isAvailabilityField(field) ? `Check this value (${problem}).` : undefined),
        explainMessage: (error) =>
          error.code === ErrorCode.ConsultantProfileIncomplete
            ? 'Nothing was saved: your profile is published, so owners need some opening hours to book. To close all your hours, unpublish your profile first.'
            : undefined,
      },
    );
  }

  return (
    <Form id="availability" problems={problems} busy={busy} onSubmit={submit} aria-labelledby="availability-title">
      <AvailabilityFields values={values} setValues={setValues} timeZone={timeZone} onNotice={setStatus} />

      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel="Saving…">
          Save hours
        </SubmitButton>
      </div>
      <StatusMessage message={status} />
    </Form>
  );
}

interface AvailabilityFieldsProps {
  values: AvailabilityValues;
  setValues: Dispatch<SetStateAction<AvailabilityValues>>;
  /** The zone the hours are read in. */
  timeZone: string;
  /** A sentence for the form's status line (a copy of one day's hours). */
  onNotice: (message: string) => void;
}

/** The hours' inputs, inside a form of the caller's: the hours page's own, or the one-flow publish page's. */
export function AvailabilityFields({ values, setValues, timeZone, onNotice }: AvailabilityFieldsProps) {
  const live = useMemo(() => liveHoursProblems(values), [values]);
  const setDay = (weekday: ConsultantWeekday, intervals: AvailabilityValues['weekly'][ConsultantWeekday]) =>
    setValues((current) => ({ ...current, weekly: { ...current.weekly, [weekday]: intervals } }));

  const bind = (field: NumberSetting) => ({
    name: field,
    value: values[field],
    inputMode: 'numeric' as const,
    autoComplete: 'off',
    className: 'input-short',
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => setValues((current) => ({ ...current, [field]: event.target.value })),
  });

  function copyToWeekdays(from: ConsultantWeekday): void {
    setValues((current) => {
      const weekly = { ...current.weekly };
      for (const weekday of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const) {
        if (weekday !== from) weekly[weekday] = current.weekly[from].map((interval) => ({ ...interval, key: newRowKey() }));
      }
      return { ...current, weekly };
    });
    onNotice(`${weekdayLabels[from]}'s hours were copied to Monday to Friday. Save to keep them.`);
  }

  return (
    <>
        <fieldset className="fieldset">
          <legend>Weekly hours</legend>
          <p className="field-hint">
            In your time zone, {timeZone.replaceAll('_', ' ')}. Type times as HH:MM; 24:00 is midnight at the end of the day. Hours may not overlap.
          </p>
          <div className="weekly-hours">
            {WEEKDAYS_FROM_MONDAY.map((weekday) => (
              <section key={weekday} className="weekday-hours" aria-labelledby={`weekday-${weekday}`}>
                <div className="weekday-heading">
                  <h3 id={`weekday-${weekday}`}>{weekdayLabels[weekday]}</h3>
                  {values.weekly[weekday].length > 0 && (
                    <button type="button" className="link-button small" onClick={() => copyToWeekdays(weekday)}>
                      Copy to Monday–Friday<span className="visually-hidden"> from {weekdayLabels[weekday]}</span>
                    </button>
                  )}
                </div>
                <IntervalRows
                  intervals={values.weekly[weekday]}
                  fieldName={(index, part) => weeklyField(weekday, index, part)}
                  dayLabel={weekdayLabels[weekday]}
                  liveProblems={live}
                  onChange={(intervals) => setDay(weekday, intervals)}
                />
              </section>
            ))}
          </div>
        </fieldset>

        <DateOverridesEditor
          overrides={values.overrides}
          liveProblems={live}
          minDate={wallTimeOf(Date.now(), timeZone).slice(0, 10)}
          onChange={(overrides) => setValues((current) => ({ ...current, overrides }))}
        />

        <fieldset className="fieldset">
          <legend>Booking rules</legend>
          <div className="field-row">
            <TextField label="Free time before, minutes" hint="Kept clear before each consultation." {...bind('bufferBeforeMinutes')} />
            <TextField label="Free time after, minutes" hint="Kept clear after each consultation, for notes." {...bind('bufferAfterMinutes')} />
          </div>
          <div className="field-row">
            <TextField label="Minimum notice, minutes" hint="How soon before the start owners can still book (120 is two hours)." {...bind('minimumNoticeMinutes')} />
            <TextField label="Book ahead, days" hint="How far ahead owners can book." {...bind('horizonDays')} />
          </div>
          <div className="field-row">
            <TextField label="Most consultations a day (optional)" hint="Empty: no limit." {...bind('dailyLimit')} />
            <TextField label="Slot step, minutes (optional)" hint="Minutes between possible starts. Empty: one consultation length." {...bind('stepMinutes')} />
          </div>
        </fieldset>
    </>
  );
}
