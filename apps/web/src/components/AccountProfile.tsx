import type { ReactNode } from 'react';
import type { AccountView } from '@vetmeet/contracts/client';
import { countryName } from '../accounts/countries';

/** `verifyAction` sits beside "Not verified yet" (a way to get a new link). */
export function AccountProfile({ account, verifyAction }: { account: AccountView; verifyAction?: ReactNode }) {
  return (
    <dl className="details" data-testid="account-profile">
      <div>
        <dt>Name</dt>
        <dd>{account.displayName}</dd>
      </div>
      <div>
        <dt>Email address</dt>
        <dd>
          <span className="break-anywhere">{account.email}</span>{' '}
          {account.emailVerified ? (
            <span className="badge badge-ok">Verified</span>
          ) : (
            <>
              <span className="badge badge-warn">Not verified yet</span>
              {verifyAction}
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Country</dt>
        <dd>{countryName(account.country)}</dd>
      </div>
      <div>
        <dt>Time zone</dt>
        <dd>{account.timeZone.replaceAll('_', ' ')}</dd>
      </div>
    </dl>
  );
}
