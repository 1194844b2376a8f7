import type { ConsultantSummaryView } from '@vetmeet/contracts/client';
import { consultantProfilePath } from '../bookings/booking-status';
import { codeLabel, languageLabel, listLabel } from '../directory/code-labels';
import { formatPriceOrFree } from '../format/money';
import { Link } from '../router/Link';

/** "From €30.00 · 15, 30 or 45 minutes". */
function offeringsSummary(consultant: ConsultantSummaryView): string {
  if (consultant.offerings.length === 0) return 'No consultations offered yet';
  const cheapest = consultant.offerings.reduce((low, offering) => (offering.priceAmount < low.priceAmount ? offering : low));
  const lengths = [...consultant.offerings].sort((a, b) => a.durationMinutes - b.durationMinutes).map((offering) => String(offering.durationMinutes));
  const price = formatPriceOrFree(cheapest.priceAmount, cheapest.priceCurrency);
  return `${consultant.offerings.length > 1 ? `From ${price}` : price} · ${listLabel(lengths).replace(' and ', ' or ')} minutes`;
}

/** The consultant's photo, or their initial; beside their name, so it says nothing more to a screen reader. */
export function ConsultantPhoto({ consultant, large }: { consultant: Pick<ConsultantSummaryView, 'displayName' | 'photoUrl'>; large?: boolean }) {
  const className = large ? 'consultant-photo consultant-photo-large' : 'consultant-photo';
  if (consultant.photoUrl) return <img className={className} src={consultant.photoUrl} alt="" loading="lazy" />;
  return (
    <span className={`pet-avatar ${className}`} aria-hidden="true">
      {consultant.displayName.replace(/^Dr\.?\s+/i, '').slice(0, 1).toUpperCase()}
    </span>
  );
}

/** One card per consultant, each linking to their profile and free times. */
export function ConsultantList({ consultants }: { consultants: ConsultantSummaryView[] }) {
  return (
    <ul className="card-list" data-testid="consultant-list">
      {consultants.map((consultant) => (
        <li key={consultant.id} className="card consultant-card">
          <ConsultantPhoto consultant={consultant} />
          <div>
            <p className="card-title">
              <Link to={consultantProfilePath(consultant.id)}>{consultant.displayName}</Link>
            </p>
            <p className="card-meta">{consultant.clinic.name}</p>
            {consultant.specialties.length > 0 && <p className="card-meta">{listLabel(consultant.specialties.map(codeLabel))}</p>}
            <p className="card-meta">
              {consultant.species.length > 0 && <>Treats {listLabel(consultant.species.map(codeLabel)).toLowerCase()} · </>}
              Speaks {listLabel(consultant.languages.map(languageLabel))}
            </p>
            <p className="card-meta consultant-price">{offeringsSummary(consultant)}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
