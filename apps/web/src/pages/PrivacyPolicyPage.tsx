import { fetchPrivacyPolicy } from '../api/accounts';
import { useResource } from '../api/use-resource';
import { LoadFailure } from '../components/LoadFailure';

/**
 * The privacy policy, from the server with its version: the same answer the sign-up form
 * accepts, so what a person reads here is the version they agree to.
 */
export function PrivacyPolicyPage() {
  const policy = useResource(fetchPrivacyPolicy);
  return (
    <article className="page narrow privacy-policy" aria-labelledby="privacy-title">
      <h1 id="privacy-title">Privacy policy</h1>
      {policy.resource.status === 'loading' && <p role="status">Loading the policy…</p>}
      {policy.resource.status === 'failed' && <LoadFailure error={policy.resource.error} onRetry={policy.reload} />}
      {policy.resource.status === 'loaded' && (
        <>
          <p className="lede" data-testid="privacy-version">
            Version {policy.resource.data.version}
          </p>
          <nav aria-label="Sections of the policy" className="card policy-contents">
            <ol>
              {policy.resource.data.sections.map((section) => (
                <li key={section.id}>
                  <a href={`#${section.id}`}>{section.heading}</a>
                </li>
              ))}
            </ol>
          </nav>
          {policy.resource.data.sections.map((section) => (
            <section key={section.id} id={section.id} aria-labelledby={`${section.id}-title`}>
              <h2 id={`${section.id}-title`}>{section.heading}</h2>
              {section.paragraphs.map((paragraph) => (
                <p key={paragraph}>{paragraph}</p>
              ))}
              {section.items && (
                <ul>
                  {section.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </>
      )}
    </article>
  );
}
