import { Link } from '../router/Link';
import { usePathname } from '../router/router';
import { useSession } from '../session/session-context';
import { useSignOut } from '../session/use-sign-out';
import { ClinicSwitcher } from './ClinicSwitcher';

function NavLink({ to, children }: { to: string; children: string }) {
  const pathname = usePathname();
  const current = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Link to={to} className="nav-link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function SiteHeader() {
  const { state, session } = useSession();
  const { signOut, busy, error } = useSignOut();

  return (
    <header className="site-header">
      {/* The visible name starts the accessible one, so "click Vetmeet" works for voice control. */}
      <Link to="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          V
        </span>
        Vetmeet<span className="visually-hidden"> home</span>
      </Link>

      {session && (
        <nav className="site-nav" aria-label="Main">
          <NavLink to="/consultants">Find a vet</NavLink>
          <NavLink to="/pets">Pets</NavLink>
          <NavLink to="/bookings">Bookings</NavLink>
          <NavLink to="/consultations">Consultations</NavLink>
          <NavLink to="/account">Account</NavLink>
          {session.platformOperator && <NavLink to="/operator">Operator</NavLink>}
          {session.memberships.length > 0 && <ClinicSwitcher memberships={session.memberships} />}
          {session.memberships.length === 0 && !session.platformOperator && (
            <NavLink to="/clinic-application">Register a clinic</NavLink>
          )}
        </nav>
      )}

      <div className="site-account" data-testid="site-account">
        {session ? (
          <>
            <span className="signed-in-as">
              <span className="visually-hidden">Signed in as </span>
              <span data-testid="signed-in-name">{session.account.displayName}</span>
            </span>
            <button type="button" className="button button-quiet" onClick={signOut} aria-disabled={busy || undefined}>
              {busy ? 'Signing out…' : 'Sign out'}
            </button>
            {error && (
              <span className="header-error" role="alert">
                {error}
              </span>
            )}
          </>
        ) : (
          // Half signed in (the second step is due): the sign-in page itself offers the way out.
          state.status !== 'loading' &&
          state.status !== 'second-factor' && (
            <>
              <Link to="/consultants" className="nav-link">
                Find a vet
              </Link>
              <Link to="/sign-in" className="nav-link">
                Sign in
              </Link>
              <Link to="/sign-up" className="button button-quiet">
                Create an account
              </Link>
            </>
          )
        )}
      </div>
    </header>
  );
}
