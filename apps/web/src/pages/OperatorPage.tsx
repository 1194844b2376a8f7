import { OperatorClinicList } from '../components/OperatorClinicList';
import { OperatorList } from '../components/OperatorList';
import { useSession } from '../session/session-context';

/** The platform operator's console: clinics and applications to decide on, and who else operates. */
export function OperatorPage() {
  const { session } = useSession();
  if (!session) return null;
  if (!session.platformOperator) {
    return (
      <section className="page narrow" aria-labelledby="operator-title">
        <h1 id="operator-title">Operator console</h1>
        <p className="notice notice-warn">Only platform operators see this console.</p>
      </section>
    );
  }
  return (
    <section className="page" aria-labelledby="operator-title">
      <h1 id="operator-title">Operator console</h1>
      <p className="lede">
        Approve clinics that apply, suspend or reinstate them. You see clinics, never their patients or consultations.
      </p>
      <section className="section-card card" aria-labelledby="operator-clinics-title">
        <h2 id="operator-clinics-title">Clinics and applications</h2>
        <OperatorClinicList />
      </section>
      <section className="section-card card" aria-labelledby="operators-title">
        <h2 id="operators-title">Operators</h2>
        <OperatorList />
      </section>
    </section>
  );
}
