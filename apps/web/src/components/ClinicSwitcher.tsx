import { useEffect, useId, useRef, useState } from 'react';
import type { MembershipView } from '@vetmeet/contracts/client';
import { clinicPath, clinicsOf } from '../clinics/memberships';
import { Link } from '../router/Link';
import { matchPath, usePathname } from '../router/router';

/**
 * The header's way into the clinics a staff member works for: a plain link for one clinic,
 * a disclosure list for several (it names the clinic whose page is open).
 */
export function ClinicSwitcher({ memberships }: { memberships: MembershipView[] }) {
  const pathname = usePathname();
  const clinics = clinicsOf(memberships);
  const currentId = matchPath('/clinics/:clinicId', pathname)?.clinicId;
  const current = clinics.find((clinic) => clinic.clinicId === currentId);
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listId = useId();

  // Another page: the list has done its job.
  useEffect(() => setOpen(false), [pathname]);

  // Closes when a click or the focus lands elsewhere, as a menu would. Not on blur: a click on
  // one of its links blurs the button first in browsers that do not focus links on click.
  useEffect(() => {
    if (!open) return;
    const onOutside = (event: Event) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onOutside);
    document.addEventListener('focusin', onOutside);
    return () => {
      document.removeEventListener('pointerdown', onOutside);
      document.removeEventListener('focusin', onOutside);
    };
  }, [open]);

  if (clinics.length === 0) return null;

  if (clinics.length === 1) {
    const [clinic] = clinics;
    return (
      <Link to={clinicPath(clinic.clinicId)} className="nav-link clinic-link" aria-current={current ? 'page' : undefined}>
        <span className="visually-hidden">Clinic: </span>
        {clinic.name}
      </Link>
    );
  }

  return (
    <div
      ref={rootRef}
      className="clinic-switcher"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="nav-link nav-button"
        aria-expanded={open}
        aria-controls={listId}
        data-current={current ? true : undefined}
        onClick={() => setOpen(!open)}
      >
        {current ? (
          <>
            <span className="visually-hidden">Clinic: </span>
            <span className="clinic-link">{current.name}</span>
          </>
        ) : (
          'Clinics'
        )}
        <span className="disclosure-mark" aria-hidden="true" />
      </button>
      <ul id={listId} className="clinic-menu" hidden={!open}>
        {clinics.map((clinic) => (
          <li key={clinic.clinicId}>
            <Link to={clinicPath(clinic.clinicId)} aria-current={clinic.clinicId === currentId ? 'page' : undefined}>
              {clinic.name}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
