import { useEffect, useState } from 'react';
import type { DemoSignInView } from '@vetmeet/contracts/client';
import { fetchDemoSignIns } from '../api/demo';

interface DemoSignInsPanelProps {
  /** Signs in as this demo account (the page fills its form and submits it). */
  onChoose: (account: DemoSignInView) => void;
  busy: boolean;
}

/**
 * The development demo's accounts on the sign-in page, each signed in with one click. Shown
 * only when the server has the demo on; otherwise its route lists no account and nothing shows.
 */
export function DemoSignInsPanel({ onChoose, busy }: DemoSignInsPanelProps) {
  const [accounts, setAccounts] = useState<DemoSignInView[]>([]);

  useEffect(() => {
    const abort = new AbortController();
    fetchDemoSignIns(abort.signal)
      .then((view) => setAccounts(view.accounts))
      .catch(() => setAccounts([]));
    return () => abort.abort();
  }, []);

  if (accounts.length === 0) return null;
  return (
    <section className="card section-card" aria-labelledby="demo-sign-ins-title" data-testid="demo-sign-ins">
      <h2 id="demo-sign-ins-title">Demo accounts</h2>
      <p className="muted">
        This development server was started with demo data (DEMO_DATA). These made-up accounts and their
        passwords were generated for this machine. Sign in as the pet owner in one window and as Dr. Ana Demo
        in a private window to walk a booking to the video room.
      </p>
      <ul className="card-list demo-accounts">
        {accounts.map((account) => (
          <li key={account.email} className="card">
            <div>
              <p className="card-title">{account.displayName}</p>
              <p className="card-meta">{account.label}</p>
              <p className="card-meta">
                <code>{account.email}</code> · password <code>{account.password}</code>
              </p>
            </div>
            <button type="button" className="button" disabled={busy} onClick={() => onChoose(account)}>
              Sign in as {account.displayName}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
