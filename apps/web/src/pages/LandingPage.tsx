import { HealthStatus } from '../components/HealthStatus';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

export function LandingPage() {
  const { state, session } = useSession();
  return (
    <section className="page landing" aria-labelledby="landing-title">
      <h1 id="landing-title">See a vet by video, from home.</h1>
      <p className="lede">
        Vetmeet connects pet owners with veterinary consultants for paid video consultations.
        Pick a vet, book a time that suits you, and meet in a private room in your browser.
      </p>
      <p className="privacy-note">
        <strong>Consultations are private:</strong> video is encrypted in transit (DTLS/SRTP),
        recorded only with everyone's consent.
      </p>

      {state.status !== 'loading' && (
        <nav className="landing-actions" aria-label="Get started">
          {session ? (
            <>
              <Link to="/consultations" className="button button-primary">
                Your consultations
              </Link>
              <Link to="/pets" className="button">
                Go to your pets
              </Link>
              {session.memberships.length === 0 && (
                <Link to="/clinic-application" className="button">
                  Register a clinic
                </Link>
              )}
            </>
          ) : (
            <>
              <Link to="/sign-up" className="button button-primary">
                Create an account
              </Link>
              <Link to="/sign-in" className="button">
                Sign in
              </Link>
            </>
          )}
        </nav>
      )}

      <HealthStatus />

      <nav className="landing-links" aria-label="Developer tools">
        <Link to="/dev/media-check" className="button">
          Check your camera and connection
        </Link>
      </nav>
    </section>
  );
}
