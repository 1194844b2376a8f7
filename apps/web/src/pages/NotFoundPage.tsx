import { Link } from '../router/Link';

export function NotFoundPage() {
  return (
    <section className="page narrow">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link to="/">Go to the Vetmeet home page</Link>
      </p>
    </section>
  );
}
