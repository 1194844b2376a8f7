import type { ConsultantSummaryView } from '@vetmeet/contracts/client';
import { codeLabel, languageLabel, listLabel } from '../../directory/code-labels';
import { formatPriceOrFree } from '../../format/money';
import { Link } from '../../router/Link';
import { ClinicBadge } from './ClinicBadge';
import { ConsultantPhoto } from './ConsultantPhoto';

/** "From €30.00 · 15, 30 or 45 minutes". */
function offeringsSummary(consultant: ShownConsultant): string {
  if (consultant.offerings.length === 0) return 'No consultations offered yet';
  const cheapest = consultant.offerings.reduce((low, offering) => (offering.priceAmount < low.priceAmount ? offering : low));
  const lengths = [...consultant.offerings].sort((a, b) => a.durationMinutes - b.durationMinutes).map((offering) => String(offering.durationMinutes));
  const price = formatPriceOrFree(cheapest.priceAmount, cheapest.priceCurrency);
  return `${consultant.offerings.length > 1 ? `From ${price}` : price} · ${listLabel(lengths).replace(' and ', ' or ')} minutes`;
}

/** The preview of a consultant's own card does not know whether their clinic takes payments. */
type ShownConsultant = Omit<ConsultantSummaryView, 'takesPaidBookings'> & { takesPaidBookings?: boolean };

/** Paid consultations that cannot be booked while the clinic cannot take card payments (free ones can). */
function waitsForClinicPayments(consultant: ShownConsultant): boolean {
  return consultant.takesPaidBookings === false && consultant.offerings.some((offering) => offering.priceAmount > 0);
}

/**
 * A consultant's card as the directory shows it, and as the consultant's own preview shows it
 * (the same component, so the two cannot differ). href: where the name leads; none in a preview.
 */
export function ConsultantCard({ consultant, href }: { consultant: ShownConsultant; href: string | null }) {
  return (
    <>
      <ConsultantPhoto consultant={consultant} />
      <div>
        <p className="card-title">{href ? <Link to={href}>{consultant.displayName}</Link> : consultant.displayName}</p>
        <p className="card-meta">
          <ClinicBadge clinic={consultant.clinic} />
        </p>
        {consultant.specialties.length > 0 && <p className="card-meta">{listLabel(consultant.specialties.map(codeLabel))}</p>}
        <p className="card-meta">
          {consultant.species.length > 0 && <>Treats {listLabel(consultant.species.map(codeLabel)).toLowerCase()} · </>}
          Speaks {listLabel(consultant.languages.map(languageLabel))}
        </p>
        <p className="card-meta consultant-price">{offeringsSummary(consultant)}</p>
        {waitsForClinicPayments(consultant) && (
          <p className="notice notice-warn" data-testid="clinic-payments-not-ready">
            {consultant.clinic.name} cannot take card payments yet, so paid consultations cannot be booked for now.
          </p>
        )}
      </div>
    </>
  );
}
