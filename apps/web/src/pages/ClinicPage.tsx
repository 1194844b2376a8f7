import { AuditLogSection } from '../components/AuditLogSection';
import { ClinicRecordingsSection } from '../components/recordings/ClinicRecordingsSection';
import { StaffInvitationsSection } from '../components/StaffInvitationsSection';
import { StatusMessage } from '../components/StatusMessage';
import { clinicsOf, roleLabels } from '../clinics/memberships';
import {
  clinicProfilePath,
  consultantAvailabilityPath,
  consultantCalendarPath,
  consultantProfilePath,
  consultantPublishPath,
} from '../consultant/consultant-paths';
import { newConsultationPath } from '../consultations/consultation-status';
import { useFlashMessage } from '../router/flash';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

/**
 * A clinic the person works for: its name and their roles there; for its administrators,
 * the clinic's audit log. Staff pages act in this clinic (X-Clinic-Id) through the API
 * client's clinicId option.
 */
export function ClinicPage({ clinicId }: { clinicId: string }) {
  const { session } = useSession();
  const flash = useFlashMessage();
  const clinic = clinicsOf(session?.memberships ?? []).find((candidate) => candidate.clinicId === clinicId);

  // Only the person's own clinics open here; any other address is simply not one of them.
  if (!session || !clinic) {
    return (
      <section className="page narrow" aria-labelledby="clinic-title">
        <h1 id="clinic-title">Clinic not found</h1>
        <p>You do not work for a clinic at this address.</p>
        <p>
          <Link to="/account">Your account</Link> lists the clinics you work for.
        </p>
      </section>
    );
  }

  const isAdmin = clinic.roles.includes('clinic_admin');
  return (
    <section className="page" aria-labelledby="clinic-title">
      <p className="eyebrow">Clinic</p>
      <h1 id="clinic-title">{clinic.name}</h1>
      <p className="lede" data-testid="clinic-roles">
        Your {clinic.roles.length === 1 ? 'role' : 'roles'} here: {clinic.roles.map((role) => roleLabels[role]).join(', ')}.
      </p>

      <StatusMessage message={flash} />

      {clinic.roles.includes('consultant') && (
        <section className="card section-card" aria-labelledby="clinic-consultations-title">
          <h2 id="clinic-consultations-title">Consultations</h2>
          <p className="muted">Invite a registered owner who contacted the clinic to a video consultation, now or at a time you agreed: it starts once they accept.</p>
          <div className="button-row">
            <Link to={newConsultationPath(clinic.clinicId)} className="button button-primary">
              Invite an owner to a consultation
            </Link>
            <Link to="/consultations" className="button">
              Your consultations
            </Link>
          </div>
        </section>
      )}

      {clinic.roles.includes('consultant') && (
        <section className="card section-card" aria-labelledby="clinic-bookings-title">
          <h2 id="clinic-bookings-title">Bookings</h2>
          <p className="muted">Owners find you in the directory and book your free slots. Keep your profile and hours up to date, and answer their requests.</p>
          <div className="button-row">
            <Link to={consultantPublishPath(clinic.clinicId)} className="button button-primary">
              Profile, hours and publishing
            </Link>
            <Link to={consultantCalendarPath(clinic.clinicId)} className="button">
              Your calendar
            </Link>
            <Link to={consultantAvailabilityPath(clinic.clinicId)} className="button">
              Hours and time off
            </Link>
            <Link to={consultantProfilePath(clinic.clinicId)} className="button">
              Your consultant profile
            </Link>
          </div>
        </section>
      )}

      {isAdmin && (
        <section className="card section-card" aria-labelledby="clinic-payouts-title">
          <h2 id="clinic-payouts-title">Payments and payouts</h2>
          <p className="muted">
            Connect the clinic’s Stripe account: your consultants take paid bookings once Stripe can take payments for
            the clinic.
          </p>
          <div className="button-row">
            <Link to={`/clinics/${encodeURIComponent(clinic.clinicId)}/payouts`} className="button">
              Payments and payouts
            </Link>
          </div>
        </section>
      )}

      {isAdmin && (
        <section className="card section-card" aria-labelledby="clinic-profile-link-title">
          <h2 id="clinic-profile-link-title">Clinic profile</h2>
          <p className="muted">The clinic’s name, address and logo, its defaults for new consultants, and what owners see of it in the directory.</p>
          <div className="button-row">
            <Link to={clinicProfilePath(clinic.clinicId)} className="button">
              Edit the clinic profile
            </Link>
          </div>
        </section>
      )}

      {isAdmin && <StaffInvitationsSection clinicId={clinic.clinicId} clinicName={clinic.name} timeZone={session.account.timeZone} />}

      {isAdmin && <ClinicRecordingsSection clinicId={clinic.clinicId} timeZone={session.account.timeZone} />}

      {isAdmin && (
        <section className="card section-card" aria-labelledby="clinic-sso-title">
          <h2 id="clinic-sso-title">Single sign-on</h2>
          <p className="muted">
            Let your staff sign in with your clinic's Google Workspace, Microsoft Entra ID or other OpenID Connect
            accounts.
          </p>
          <div className="button-row">
            <Link to={`/clinics/${clinic.clinicId}/sso`} className="button">
              Single sign-on settings
            </Link>
          </div>
        </section>
      )}

      {clinic.roles.includes('support') && (
        <section className="card section-card" aria-labelledby="clinic-support-title">
          <h2 id="clinic-support-title">Support</h2>
          <p className="muted">Review recordings whose owner consented to review by support, with a stated reason.</p>
          <div className="button-row">
            <Link to="/support/recordings" className="button button-primary">
              Recordings to review
            </Link>
          </div>
        </section>
      )}

      {isAdmin ? (
        <AuditLogSection clinicId={clinic.clinicId} clinicName={clinic.name} timeZone={session.account.timeZone} readerId={session.account.id} />
      ) : (
        <p className="muted">The clinic's administrators manage its staff, settings and audit log.</p>
      )}
    </section>
  );
}
