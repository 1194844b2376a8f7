import type { ReactNode } from 'react';
import { clinicPath, clinicsOf, type StaffClinic } from '../../clinics/memberships';
import { Link } from '../../router/Link';
import { useSession } from '../../session/session-context';

interface ConsultantPageFrameProps {
  clinicId: string;
  titleId: string;
  title: string;
  lede: ReactNode;
  /** The page itself, for a consultant of this clinic with their own zone. */
  children: (clinic: StaffClinic, accountTimeZone: string) => ReactNode;
  wide?: boolean;
}

/** The frame of a consultant's own pages in a clinic: the way back, the heading, and a refusal for anyone who is not its consultant. */
export function ConsultantPageFrame({ clinicId, titleId, title, lede, children, wide = false }: ConsultantPageFrameProps) {
  const { session } = useSession();
  const clinic = clinicsOf(session?.memberships ?? []).find((candidate) => candidate.clinicId === clinicId);

  if (!session || !clinic?.roles.includes('consultant')) {
    return (
      <section className="page narrow" aria-labelledby={titleId}>
        <h1 id={titleId}>Not available</h1>
        <p>Only a clinic's consultants have this page.</p>
        <p>
          <Link to="/account">Your account</Link> lists the clinics you work for.
        </p>
      </section>
    );
  }

  return (
    <section className={wide ? 'page' : 'page narrow'} aria-labelledby={titleId}>
      <p className="back-link">
        <Link to={clinicPath(clinic.clinicId)}>← {clinic.name}</Link>
      </p>
      <p className="eyebrow">{clinic.name}</p>
      <h1 id={titleId}>{title}</h1>
      <p className="lede">{lede}</p>
      {children(clinic, session.account.timeZone)}
    </section>
  );
}
