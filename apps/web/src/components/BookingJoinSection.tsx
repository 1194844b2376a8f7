import type { BookingView } from '@vetmeet/contracts/client';
import { bookingRoom } from '../bookings/booking-join';
import { callOutcomeText } from '../bookings/booking-stage';
import { consultationPath, isFinished } from '../consultations/consultation-status';
import { Link } from '../router/Link';
import { JoinRoomSection } from './JoinRoomSection';

/**
 * A confirmed booking became a consultation: its room opens as any consultation's does (the
 * booking carries the room's times and status). Once the call is over, only where it is kept.
 */
export function BookingJoinSection({ booking, timeZone }: { booking: BookingView; timeZone: string }) {
  const room = bookingRoom(booking);
  if (!room) return null;
  if (isFinished(room.status)) {
    const outcome = callOutcomeText(booking, timeZone);
    return (
      <section className="card section-card join-room" aria-labelledby="join-room-title" data-testid="join-room">
        <h2 id="join-room-title">Video room</h2>
        <p>
          This consultation is over{outcome && ` (it ${outcome})`}; its room is closed.{' '}
          <Link to={consultationPath(room.id)}>The consultation page</Link> keeps its chat and shared files.
        </p>
      </section>
    );
  }
  return (
    <>
      <JoinRoomSection consultation={room} timeZone={timeZone} />
      <p className="small">
        <Link to={consultationPath(room.id)}>Consultation page</Link>: room password, chat and shared files.
      </p>
    </>
  );
}
