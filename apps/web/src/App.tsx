import { lazy, Suspense, useEffect } from 'react';
import { SiteHeader } from './components/SiteHeader';
import { LandingPage } from './pages/LandingPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { usePathname } from './router/router';

// mediasoup-client and socket.io-client are most of the bundle; only the media check needs them.
const MediaCheckPage = lazy(() => import('./pages/MediaCheckPage').then((m) => ({ default: m.MediaCheckPage })));

interface Route {
  title: string;
  render: () => React.JSX.Element;
}

const routes: Record<string, Route> = {
  '/': { title: 'Vetmeet: video consultations with a vet', render: () => <LandingPage /> },
  '/dev/media-check': { title: 'Media check · Vetmeet', render: () => <MediaCheckPage /> },
};

const notFound: Route = { title: 'Page not found · Vetmeet', render: () => <NotFoundPage /> };

function normalize(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

export function App() {
  const pathname = normalize(usePathname());
  const route = routes[pathname] ?? notFound;

  useEffect(() => {
    document.title = route.title;
  }, [route]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="page">Loading…</p>}>{route.render()}</Suspense>
      </main>
    </>
  );
}
