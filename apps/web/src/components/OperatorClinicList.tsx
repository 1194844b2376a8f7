import { useCallback, useId, useState } from 'react';
import { CLINIC_STATUSES, type ClinicApplicationView, type ClinicStatusValue } from '@vetmeet/contracts/client';
import { countryName } from '../accounts/countries';
import { listOperatorClinics } from '../api/clinic-onboarding';
import { usePagedList, type PageRequest } from '../api/use-paged-list';
import { formatDateTime } from '../format/dates';
import { CLINIC_STATUS_LABELS } from '../onboarding/clinic-application-form';
import { Link } from '../router/Link';
import { ClinicStatusBadge } from './ClinicStatusBadge';
import { LoadFailure } from './LoadFailure';
import { LoadMore } from './LoadMore';

const LIMITS = { defaultLimit: 25, maxLimit: 100 };

/** Clinics and applications for an operator, newest first, narrowed to one status (waiting ones first by default). */
export function OperatorClinicList() {
  const [status, setStatus] = useState<ClinicStatusValue | ''>('pending');
  const filterId = useId();
  const captionId = useId();
  const load = useCallback(
    (page: PageRequest, signal: AbortSignal) => listOperatorClinics(status, page, signal),
    [status],
  );
  const list = usePagedList<ClinicApplicationView>(load, LIMITS);

  return (
    <>
      <div className="field">
        <label htmlFor={filterId}>Show</label>
        <select
          id={filterId}
          className="input status-filter"
          value={status}
          onChange={(event) => setStatus(event.target.value as ClinicStatusValue | '')}
        >
          <option value="">All clinics</option>
          {CLINIC_STATUSES.map((value) => (
            <option key={value} value={value}>
              {CLINIC_STATUS_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      {list.state.status === 'loading' && <p role="status">Loading clinics…</p>}
      {list.state.status === 'failed' && <LoadFailure error={list.state.error} onRetry={list.reload} />}
      {list.state.status === 'loaded' &&
        (list.state.items.length === 0 ? (
          <p className="card empty-state">No clinic has this status.</p>
        ) : (
          <>
            <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
              <table className="data-table stacked-table" data-testid="operator-clinics">
                <caption id={captionId} className="visually-hidden">
                  Clinics: {status ? CLINIC_STATUS_LABELS[status] : 'all'}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Clinic</th>
                    <th scope="col">Country</th>
                    <th scope="col">Applied</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {list.state.items.map((clinic) => (
                    <tr key={clinic.id}>
                      <td data-label="Clinic">
                        <Link to={`/operator/clinics/${encodeURIComponent(clinic.id)}`}>{clinic.name}</Link>
                      </td>
                      <td data-label="Country">{clinic.country ? countryName(clinic.country) : '—'}</td>
                      <td data-label="Applied">{formatDateTime(clinic.appliedAt)}</td>
                      <td data-label="Status">
                        <ClinicStatusBadge status={clinic.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <LoadMore list={list.state} onLoadMore={list.loadMore} label="Show more clinics" />
          </>
        ))}
    </>
  );
}
