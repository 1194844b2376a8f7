import { Link } from '../router/Link';

/** On every page: the privacy policy is one click away, signed in or not. */
export function SiteFooter() {
  return (
    <footer className="site-footer">
      <nav aria-label="About Vetmeet">
        <Link to="/privacy">Privacy policy</Link>
      </nav>
    </footer>
  );
}
