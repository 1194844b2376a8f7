import { lazy, Suspense, useEffect, useRef } from 'react';
import { SiteFooter } from './components/SiteFooter';
import { SiteHeader } from './components/SiteHeader';
import { AccountPage } from './pages/AccountPage';
import { BookConsultantPage } from './pages/BookConsultantPage';
import { BookingPage } from './pages/BookingPage';
import { BookingPaymentPage } from './pages/BookingPaymentPage';
import { BookingsPage } from './pages/BookingsPage';
import { ClinicApplicationPage } from './pages/ClinicApplicationPage';
import { ClinicPage } from './pages/ClinicPage';
import { ClinicPayoutsPage } from './pages/ClinicPayoutsPage';
import { ClinicSsoPage } from './pages/ClinicSsoPage';
import { ClinicProfilePage } from './pages/ClinicProfilePage';
import { ConsultantPublishPage } from './pages/ConsultantPublishPage';
import { ConsultantAvailabilityPage } from './pages/ConsultantAvailabilityPage';
import { ConsultantCalendarPage } from './pages/ConsultantCalendarPage';
import { ConsultantPage } from './pages/ConsultantPage';
import { ConsultantProfilePage } from './pages/ConsultantProfilePage';
import { ConsultantsPage } from './pages/ConsultantsPage';
import { ConsultationPage } from './pages/ConsultationPage';
import { ConsultationsPage } from './pages/ConsultationsPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { InvitationAcceptPage } from './pages/InvitationAcceptPage';
import { LandingPage } from './pages/LandingPage';
import { NewConsultationPage } from './pages/NewConsultationPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OperatorClinicPage } from './pages/OperatorClinicPage';
import { OperatorPage } from './pages/OperatorPage';
import { PetPage } from './pages/PetPage';
import { PetsPage } from './pages/PetsPage';
import { PrivacyPolicyPage } from './pages/PrivacyPolicyPage';
import { RecordingPage } from './pages/RecordingPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';
import { SupportRecordingsPage } from './pages/SupportRecordingsPage';
import { VerifyEmailPage } from './pages/VerifyEmailPage';
import { matchPath, usePathname } from './router/router';
import { RequireSession } from './session/RequireSession';
import { SessionProvider } from './session/SessionProvider';

// mediasoup-client and socket.io-client are most of the bundle; only the media check and the room need them.
const MediaCheckPage = lazy(() => import('./pages/MediaCheckPage').then((m) => ({ default: m.MediaCheckPage })));
const ConsultationRoomPage = lazy(() => import('./pages/ConsultationRoomPage').then((m) => ({ default: m.ConsultationRoomPage })));

interface Route {
  /** A path, with `:name` for a segment the page receives. */
  path: string;
  title: string;
  /** Signed-out visitors go to /sign-in and come back here afterwards. */
  requiresSession?: boolean;
  render: (params: Record<string, string>) => React.JSX.Element;
}

/*
 * The links in emails (/verify-email, /reset-password, /invitations/accept) carry their token
 * in the fragment; those pages are public and read it themselves (accounts/link-token).
 * Clinic pages act in their clinic with the API client's clinicId option.
 */
const routes: Route[] = [
  { path: '/', title: 'Vetmeet: video consultations with a vet', render: () => <LandingPage /> },
  { path: '/sign-up', title: 'Create an account · Vetmeet', render: () => <SignUpPage /> },
  { path: '/sign-in', title: 'Sign in · Vetmeet', render: () => <SignInPage /> },
  { path: '/privacy', title: 'Privacy policy · Vetmeet', render: () => <PrivacyPolicyPage /> },
  { path: '/verify-email', title: 'Confirm your email address · Vetmeet', render: () => <VerifyEmailPage /> },
  { path: '/forgot-password', title: 'Forgot your password · Vetmeet', render: () => <ForgotPasswordPage /> },
  { path: '/reset-password', title: 'Choose a new password · Vetmeet', render: () => <ResetPasswordPage /> },
  { path: '/invitations/accept', title: 'Staff invitation · Vetmeet', render: () => <InvitationAcceptPage /> },
  { path: '/account', title: 'Your account · Vetmeet', requiresSession: true, render: () => <AccountPage /> },
  { path: '/pets', title: 'Your pets · Vetmeet', requiresSession: true, render: () => <PetsPage /> },
  { path: '/pets/:id', title: 'Pet record · Vetmeet', requiresSession: true, render: ({ id }) => <PetPage key={id} petId={id} /> },
  { path: '/clinics/:clinicId', title: 'Clinic · Vetmeet', requiresSession: true, render: ({ clinicId }) => <ClinicPage key={clinicId} clinicId={clinicId} /> },
  // A clinic admin's page for the clinic's Stripe account (Stripe Connect); Stripe's onboarding returns here.
  {
    path: '/clinics/:clinicId/payouts',
    title: 'Payments and payouts · Vetmeet',
    requiresSession: true,
    render: ({ clinicId }) => <ClinicPayoutsPage key={clinicId} clinicId={clinicId} />,
  },
  {
    path: '/clinics/:clinicId/sso',
    title: 'Single sign-on · Vetmeet',
    requiresSession: true,
    render: ({ clinicId }) => <ClinicSsoPage key={clinicId} clinicId={clinicId} />,
  },
  {
    path: '/clinics/:clinicId/consultations/new',
    title: 'Invite an owner to a consultation · Vetmeet',
    requiresSession: true,
    render: ({ clinicId }) => <NewConsultationPage key={clinicId} clinicId={clinicId} />,
  },
  // A consultant's own pages in a clinic: profile, hours and time off, and the bookings made with them.
  { path: '/clinics/:clinicId/clinic-profile', title: 'Clinic profile · Vetmeet', requiresSession: true, render: ({ clinicId }) => <ClinicProfilePage key={clinicId} clinicId={clinicId} /> },
  { path: '/clinics/:clinicId/publish', title: 'Publish your profile · Vetmeet', requiresSession: true, render: ({ clinicId }) => <ConsultantPublishPage key={clinicId} clinicId={clinicId} /> },
  { path: '/clinics/:clinicId/profile', title: 'Your consultant profile · Vetmeet', requiresSession: true, render: ({ clinicId }) => <ConsultantProfilePage key={clinicId} clinicId={clinicId} /> },
  {
    path: '/clinics/:clinicId/availability',
    title: 'Your hours and time off · Vetmeet',
    requiresSession: true,
    render: ({ clinicId }) => <ConsultantAvailabilityPage key={clinicId} clinicId={clinicId} />,
  },
  { path: '/clinics/:clinicId/calendar', title: 'Your calendar · Vetmeet', requiresSession: true, render: ({ clinicId }) => <ConsultantCalendarPage key={clinicId} clinicId={clinicId} /> },
  { path: '/consultations', title: 'Consultations · Vetmeet', requiresSession: true, render: () => <ConsultationsPage /> },
  { path: '/consultations/:id', title: 'Consultation · Vetmeet', requiresSession: true, render: ({ id }) => <ConsultationPage key={id} consultationId={id} /> },
  {
    path: '/consultations/:id/room',
    title: 'Consultation room · Vetmeet',
    requiresSession: true,
    render: ({ id }) => <ConsultationRoomPage key={id} consultationId={id} />,
  },
  // Recordings: the player (participants, or support under a review grant with ?clinic=), and support's list.
  { path: '/recordings/:id', title: 'Recording · Vetmeet', requiresSession: true, render: ({ id }) => <RecordingPage key={id} recordingId={id} /> },
  { path: '/support/recordings', title: 'Recordings to review · Vetmeet', requiresSession: true, render: () => <SupportRecordingsPage /> },
  // Booking, the owner's side: the directory and profiles are public; booking asks to sign in and comes back.
  { path: '/consultants', title: 'Find a vet · Vetmeet', render: () => <ConsultantsPage /> },
  { path: '/consultants/:id', title: 'Vet · Vetmeet', render: ({ id }) => <ConsultantPage key={id} consultantId={id} /> },
  { path: '/consultants/:id/book', title: 'Book a consultation · Vetmeet', requiresSession: true, render: ({ id }) => <BookConsultantPage key={id} consultantId={id} /> },
  { path: '/bookings', title: 'Bookings · Vetmeet', requiresSession: true, render: () => <BookingsPage /> },
  { path: '/bookings/:id', title: 'Booking · Vetmeet', requiresSession: true, render: ({ id }) => <BookingPage key={id} bookingId={id} /> },
  { path: '/bookings/:id/pay', title: 'Pay for your booking · Vetmeet', requiresSession: true, render: ({ id }) => <BookingPaymentPage key={id} bookingId={id} /> },
  // Clinic onboarding: an account applies; platform operators decide in their console.
  {
    path: '/clinic-application',
    title: 'Register a clinic · Vetmeet',
    requiresSession: true,
    render: () => <ClinicApplicationPage />,
  },
  { path: '/operator', title: 'Operator console · Vetmeet', requiresSession: true, render: () => <OperatorPage /> },
  {
    path: '/operator/clinics/:id',
    title: 'Clinic review · Vetmeet',
    requiresSession: true,
    render: ({ id }) => <OperatorClinicPage key={id} clinicId={id} />,
  },
  { path: '/dev/media-check', title: 'Media check · Vetmeet', render: () => <MediaCheckPage /> },
];

const notFound: Route = { path: '', title: 'Page not found · Vetmeet', render: () => <NotFoundPage /> };

function normalize(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

function resolve(pathname: string): { route: Route; params: Record<string, string> } {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return { route: notFound, params: {} };
}

export function App() {
  const pathname = normalize(usePathname());
  const { route, params } = resolve(pathname);
  const mainRef = useRef<HTMLElement>(null);
  const firstPage = useRef(true);

  useEffect(() => {
    document.title = route.title;
  }, [route]);

  // A new page moves the focus to its content, as a full page load would reset it; not on the first load.
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    if (!mainRef.current?.contains(document.activeElement)) mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  const page = route.render(params);
  return (
    <SessionProvider>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<p className="page">Loading…</p>}>{route.requiresSession ? <RequireSession>{page}</RequireSession> : page}</Suspense>
      </main>
      <SiteFooter />
    </SessionProvider>
  );
}
