import { useCallback } from 'react';
import type { ConsultationListPeriod, ConsultationView } from '@vetmeet/contracts/client';
import { CONSULTATION_LIST_LIMITS, listConsultations } from '../api/consultations';
import { usePagedList, type PagedListControls, type PageRequest } from '../api/use-paged-list';
import { clinicsOf } from '../clinics/memberships';
import { ConsultationList } from '../components/ConsultationList';
import { StatusMessage } from '../components/StatusMessage';
import { UpcomingAndPast } from '../components/UpcomingAndPast';
import { newConsultationPath } from '../consultations/consultation-status';
import { useFlashMessage } from '../router/flash';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

function useConsultations(period: ConsultationListPeriod): PagedListControls<ConsultationView> {
  const loadPage = useCallback((page: PageRequest, signal: AbortSignal) => listConsultations({ period, ...page }, signal), [period]);
  return usePagedList(loadPage, CONSULTATION_LIST_LIMITS);
}

/** Coming up first, soonest at the top; then the finished ones, latest at the top; each a page at a time. */
export function ConsultationsPage() {
  const upcoming = useConsultations('upcoming');
  const past = useConsultations('past');
  const flash = useFlashMessage();
  const { session } = useSession();
  const timeZone = session?.account.timeZone ?? 'UTC';
  const consultantClinics = clinicsOf(session?.memberships ?? []).filter((clinic) => clinic.roles.includes('consultant'));

  return (
    <section className="page narrow" aria-labelledby="consultations-title">
      <div className="page-heading">
        <h1 id="consultations-title">Consultations</h1>
        {consultantClinics.length > 0 && (
          <div className="heading-actions">
            {consultantClinics.map((clinic) => (
              <Link key={clinic.clinicId} to={newConsultationPath(clinic.clinicId)} className="button button-primary">
                Invite an owner to a consultation
                {consultantClinics.length > 1 && <span> ({clinic.name})</span>}
              </Link>
            ))}
          </div>
        )}
      </div>
      <p className="lede">Video consultations you take part in, as a pet owner or as a vet. Times are in your time zone, {timeZone}.</p>

      <StatusMessage message={flash} />

      <UpcomingAndPast
        upcoming={upcoming}
        past={past}
        sections={{
          upcoming: { title: 'Coming up', testId: 'current-consultations', none: 'Nothing scheduled.', moreLabel: 'Show more to come' },
          past: { title: 'Past', testId: 'past-consultations', moreLabel: 'Show earlier consultations' },
        }}
        loadingText="Loading your consultations…"
        empty={
          <div className="card empty-state">
            <p>You have no consultations yet.</p>
            <p className="muted">When a vet invites you to a consultation about one of your pets, it appears here: you accept or decline it, then join its video room.</p>
          </div>
        }
        renderList={(items, testId) => <ConsultationList consultations={items} timeZone={timeZone} testId={testId} />}
      />
    </section>
  );
}
