import { useCallback, useState } from 'react';
import { ErrorCode, type ConsultantOffering, type ConsultantSlotsView } from '@vetmeet/contracts/client';
import { fetchConsultantSlots } from '../../api/consultants';
import { useResource } from '../../api/use-resource';
import { consultantProfilePath } from '../../consultant/consultant-paths';
import { Link } from '../../router/Link';
import { LoadFailure } from '../LoadFailure';

interface SlotPreviewProps {
  consultantId: string;
  clinicId: string;
  published: boolean;
  offerings: ConsultantOffering[];
  timeZone: string;
  /** Changes whenever the hours or time off were saved, so the preview asks again. */
  version: number;
}

const PREVIEW_DAYS = 14;
const PREVIEW_COUNT = 8;

/** The next slots owners can book, from the public slots endpoint: what the hours, rules, time off and bookings leave. */
export function SlotPreview({ consultantId, clinicId, published, offerings, timeZone, version }: SlotPreviewProps) {
  const lengths = [...offerings].map((offering) => offering.durationMinutes).sort((a, b) => a - b);
  const [durationMinutes, setDurationMinutes] = useState(lengths[0] ?? 30);

  const load = useCallback(
    (signal: AbortSignal) => {
      const from = new Date();
      const to = new Date(from.getTime() + PREVIEW_DAYS * 86_400_000);
      // `version` is a dependency only: a save elsewhere asks for the slots again.
      return fetchConsultantSlots(consultantId, { from: from.toISOString(), to: to.toISOString(), durationMinutes, timeZone }, signal);
    },
    [consultantId, durationMinutes, timeZone, version],
  );

  return (
    <section className="card section-card" aria-labelledby="slot-preview-title" data-testid="slot-preview">
      <h2 id="slot-preview-title">What owners can book</h2>
      {!published || lengths.length === 0 ? (
        <p className="muted">
          Owners see your free slots once your profile is published. <Link to={consultantProfilePath(clinicId)}>Edit your profile</Link>
        </p>
      ) : (
        <>
          {lengths.length > 1 && (
            <div className="field">
              <label htmlFor="slot-preview-length">Length</label>
              <select id="slot-preview-length" className="input select input-medium" value={durationMinutes} onChange={(event) => setDurationMinutes(Number(event.target.value))}>
                {lengths.map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {minutes} minutes
                  </option>
                ))}
              </select>
            </div>
          )}
          <SlotList load={load} timeZone={timeZone} />
        </>
      )}
    </section>
  );
}

function SlotList({ load, timeZone }: { load: (signal: AbortSignal) => Promise<ConsultantSlotsView>; timeZone: string }) {
  const slots = useResource(load);
  const { resource } = slots;
  return (
    <div aria-live="polite" aria-busy={resource.status === 'loading'}>
      {resource.status === 'loading' && <p className="muted">Finding your next free slots…</p>}
      {resource.status === 'failed' &&
        (resource.error.code === ErrorCode.NotFound ? (
          <p className="muted">Owners see your free slots once your profile is published.</p>
        ) : (
          <LoadFailure error={resource.error} onRetry={slots.reload} />
        ))}
      {resource.status === 'loaded' &&
        (resource.data.slots.length === 0 ? (
          <p className="muted">No free slots in the next {PREVIEW_DAYS} days: check your hours, time off and booking rules.</p>
        ) : (
          <>
            <p className="muted small">
              {resource.data.slots.length} free in the next {PREVIEW_DAYS} days, in your zone ({timeZone.replaceAll('_', ' ')}). The first {Math.min(PREVIEW_COUNT, resource.data.slots.length)}:
            </p>
            <ul className="plain-list slot-preview-list">
              {resource.data.slots.slice(0, PREVIEW_COUNT).map((slot) => (
                <li key={slot.startsAt}>
                  <time dateTime={slot.startsAt}>{slot.label}</time>
                </li>
              ))}
            </ul>
          </>
        ))}
    </div>
  );
}
