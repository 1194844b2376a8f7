import { useRef, useState } from 'react';
import type { ClinicApplicationPayload } from '@vetmeet/contracts/client';
import { browserTimeZone } from '../accounts/time-zones';
import { applyForClinic, listMyClinicApplications } from '../api/clinic-onboarding';
import { useResource } from '../api/use-resource';
import { ClinicApplicationForm } from '../components/ClinicApplicationForm';
import { ClinicApplicationList } from '../components/ClinicApplicationList';
import { LoadFailure } from '../components/LoadFailure';
import { StatusMessage } from '../components/StatusMessage';
import { emptyClinicApplication } from '../onboarding/clinic-application-form';
import { useSession } from '../session/session-context';

/**
 * "Register a clinic": a verified account applies, and follows its applications here. Once a
 * platform operator approves one, the applicant is its clinic admin (the clinic switcher shows it).
 */
export function ClinicApplicationPage() {
  const { session, refresh } = useSession();
  const applications = useResource(listMyClinicApplications);
  const [status, setStatus] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  if (!session) return null;
  const account = session.account;
  const list = applications.resource.status === 'loaded' ? applications.resource.data : [];
  const waiting = list.some((application) => application.status === 'pending');
  const isMember = (clinicId: string) => session.memberships.some((membership) => membership.clinicId === clinicId);
  const approvedWithoutMembership = list.some(({ id, status: state }) => state === 'approved' && !isMember(id));

  async function apply(payload: ClinicApplicationPayload): Promise<void> {
    const applied = await applyForClinic(payload);
    setStatus(`Your application for ${applied.name} was sent. We email you when an operator has decided.`);
    applications.reload();
    headingRef.current?.focus();
  }

  return (
    <section className="page narrow" aria-labelledby="clinic-application-title">
      <h1 id="clinic-application-title" ref={headingRef} tabIndex={-1}>
        Register a clinic
      </h1>
      <p className="lede">
        Clinics work on Vetmeet once a platform operator has checked them. Apply here: when your clinic is approved,
        you are its clinic admin and invite its vets and support staff.
      </p>
      <StatusMessage message={status} />
      {approvedWithoutMembership && (
        <p className="notice notice-ok">
          Your clinic was approved.{' '}
          <button type="button" className="button button-quiet" onClick={() => void refresh()}>
            Show it in the menu
          </button>
        </p>
      )}

      {applications.resource.status === 'loading' && <p role="status">Loading your applications…</p>}
      {applications.resource.status === 'failed' && (
        <LoadFailure error={applications.resource.error} onRetry={applications.reload} />
      )}
      {list.length > 0 && (
        <section aria-labelledby="my-applications-title">
          <h2 id="my-applications-title">Your applications</h2>
          <ClinicApplicationList applications={list} />
        </section>
      )}

      {applications.resource.status === 'loaded' &&
        (!account.emailVerified ? (
          <p className="notice notice-warn">
            Confirm your email address first: open the link we sent you, then come back to apply.
          </p>
        ) : (
          !waiting && (
            <section className="card section-card" aria-labelledby="apply-title">
              <h2 id="apply-title">Apply for a clinic</h2>
              <ClinicApplicationForm
                initial={emptyClinicApplication({
                  country: account.country,
                  timeZone: browserTimeZone(),
                  contactName: account.displayName,
                  contactEmail: account.email,
                })}
                onSubmit={apply}
                aria-labelledby="apply-title"
              />
            </section>
          )
        ))}
    </section>
  );
}
