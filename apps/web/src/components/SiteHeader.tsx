import { Link } from '../router/Link';

export function SiteHeader() {
  return (
    <header className="site-header">
      <Link to="/" className="brand" aria-label="Vetmeet home">
        <span className="brand-mark" aria-hidden="true">
          V
        </span>
        Vetmeet
      </Link>
    </header>
  );
}
