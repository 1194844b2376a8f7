import type { BookingView } from '@vetmeet/contracts/client';
import { countryName } from '../../accounts/countries';
import { formatZonedRange } from '../../consultant/zoned-range';
import { codeLabel } from '../../directory/code-labels';
import { formatPriceOrFree } from '../../format/money';

/** A photo the owner shared for this booking, as its consultant may see it once the booking is paid. */
export const bookingPhotoUrl = (bookingId: string, photoId: string) => `/api/bookings/${encodeURIComponent(bookingId)}/photos/${encodeURIComponent(photoId)}`;

/** The owner's country by name; the code itself if the browser has no name for it. */
function ownerCountry(code: string): string {
  try {
    return code ? countryName(code) : 'country not given';
  } catch {
    return code;
  }
}

/**
 * What a consultant knows of a booking: when (in their zone and the owner's), the pet, the
 * owner as far as they are shown (name, country, zone), the reason, the photos shared for
 * it and the price.
 */
export function BookingFacts({ booking }: { booking: BookingView }) {
  const consultantZone = booking.consultant.timeZone;
  const ownerZone = booking.owner.timeZone;
  return (
    <dl className="details booking-facts">
      <div>
        <dt>Your time ({consultantZone.replaceAll('_', ' ')})</dt>
        <dd>
          <time dateTime={booking.startsAt}>{formatZonedRange(booking.startsAt, booking.endsAt, consultantZone)}</time>
        </dd>
      </div>
      {ownerZone !== consultantZone && (
        <div>
          <dt>Owner's time ({ownerZone.replaceAll('_', ' ')})</dt>
          <dd>{formatZonedRange(booking.startsAt, booking.endsAt, ownerZone)}</dd>
        </div>
      )}
      <div>
        <dt>Pet</dt>
        <dd>
          {booking.pet.name} · {codeLabel(booking.pet.species)}
        </dd>
      </div>
      <div>
        <dt>Owner</dt>
        <dd>
          {booking.owner.displayName} · {ownerCountry(booking.owner.country)}
          {ownerZone === consultantZone && <span className="muted"> · same time zone as you</span>}
        </dd>
      </div>
      <div>
        <dt>Price</dt>
        <dd>
          {formatPriceOrFree(booking.price.amount, booking.price.currency)} · {booking.durationMinutes} minutes
        </dd>
      </div>
      <div className="details-wide">
        <dt>Reason</dt>
        <dd className="preformatted">{booking.reason.trim() || <span className="muted">No reason given.</span>}</dd>
      </div>
      {booking.photos.length > 0 && (
        <div className="details-wide">
          <dt>Photos shared with you</dt>
          <dd>
            <ul className="plain-list booking-photos">
              {booking.photos.map((photo) => {
                const url = bookingPhotoUrl(booking.id, photo.id);
                return (
                  <li key={photo.id} className="booking-photo">
                    {/* Same origin: the session cookie goes with the request; the image opens in full in a new tab. */}
                    <a href={url} target="_blank" rel="noopener noreferrer" className="booking-photo-link">
                      <img src={url} alt={photo.fileName} className="booking-photo-thumb" loading="lazy" width={96} height={96} />
                      <span className="visually-hidden"> (opens the full image in a new tab)</span>
                    </a>
                  </li>
                );
              })}
            </ul>
          </dd>
        </div>
      )}
    </dl>
  );
}
