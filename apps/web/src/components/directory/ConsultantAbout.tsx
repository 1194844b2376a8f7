import type { ConsultantPublicView } from '@vetmeet/contracts/client';
import { codeLabel, languageLabel, listLabel } from '../../directory/code-labels';
import { formatPriceOrFree } from '../../format/money';
import { ClinicBadge } from './ClinicBadge';
import { ConsultantPhoto } from './ConsultantPhoto';

// What the consultant and their clinic chose; booking terms and payment readiness are shown elsewhere.
type Shown = Omit<ConsultantPublicView, 'bookingPolicy' | 'takesPaidBookings'>;

/**
 * The top of a consultant's public page: photo, clinic, name. The page's h1 there; an h3 in the
 * consultant's own preview, which sits under the preview's heading.
 */
interface ConsultantHeadingProps {
  consultant: Shown;
  titleId: string;
  level?: 1 | 3;
}

export function ConsultantHeading({ consultant, titleId, level = 1 }: ConsultantHeadingProps) {
  const Heading = level === 1 ? 'h1' : 'h3';
  return (
    <div className="consultant-heading">
      <ConsultantPhoto consultant={consultant} large />
      <div>
        <p className="eyebrow">
          <ClinicBadge clinic={consultant.clinic} full />
        </p>
        <Heading id={titleId}>{consultant.displayName}</Heading>
      </div>
    </div>
  );
}

/** What owners read about the consultant before booking: the same on the public page and in the preview. */
export function ConsultantAboutCard({ consultant }: { consultant: Shown }) {
  return (
    <section className="card section-card" aria-label="About">
      <dl className="details">
        {consultant.specialties.length > 0 && (
          <div>
            <dt>Specialties</dt>
            <dd>{listLabel(consultant.specialties.map(codeLabel))}</dd>
          </div>
        )}
        {consultant.species.length > 0 && (
          <div>
            <dt>Treats</dt>
            <dd>{listLabel(consultant.species.map(codeLabel))}</dd>
          </div>
        )}
        <div>
          <dt>Languages</dt>
          <dd>{listLabel(consultant.languages.map(languageLabel))}</dd>
        </div>
        <div>
          <dt>Consultations</dt>
          <dd>
            <ul className="plain-list">
              {consultant.offerings
                .slice()
                .sort((a, b) => a.durationMinutes - b.durationMinutes)
                .map((offering) => (
                  <li key={offering.durationMinutes}>
                    {offering.durationMinutes} minutes: {formatPriceOrFree(offering.priceAmount, offering.priceCurrency)}
                  </li>
                ))}
            </ul>
          </dd>
        </div>
        {consultant.bio && (
          <div className="details-wide">
            <dt>About</dt>
            <dd className="preformatted">{consultant.bio}</dd>
          </div>
        )}
      </dl>
      {!consultant.autoAccept && <p className="muted small">{consultant.displayName} confirms each booking request; you are refunded in full if they decline.</p>}
    </section>
  );
}
