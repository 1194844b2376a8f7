/**
 * The development demo's accounts, shown on the sign-in page (GET /api/dev/demo-sign-ins).
 * Demo data, never a real person's: the endpoint exists only while the demo is on, and never
 * in production.
 */
export type DemoAccountRole = 'owner' | 'consultant' | 'clinic_admin' | 'operator';

export interface DemoSignInView {
  role: DemoAccountRole;
  /** What the account is for, e.g. "Pet owner (books and pays)". */
  label: string;
  displayName: string;
  email: string;
  password: string;
}

export interface DemoSignInsView {
  /** Empty when this database was not seeded with the demo (it had data already). */
  accounts: DemoSignInView[];
}
