import type { BookingView } from '@vetmeet/contracts/client';
import { bookingRoom } from '../bookings/booking-join';
import { consultationPath } from '../consultations/consultation-status';
import { Link } from '../router/Link';
import { JoinRoomSection } from './JoinRoomSection';

/** A confirmed booking became a consultation: its room opens as any consultation's does (the booking carries the room's times). */
export function BookingJoinSection({ booking, timeZone }: { booking: BookingView; timeZone: string }) {
  const room = bookingRoom(booking);
  if (!room) return null;
  return (
    <>
      <JoinRoomSection consultation={room} timeZone={timeZone} />
      <p className="small">
        <Link to={consultationPath(room.id)}>Consultation page</Link>: room password, chat and shared files.
      </p>
    </>
  );
}
