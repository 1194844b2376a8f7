import type { PreviewedConsultant } from '../../consultant/publication-preview';
import { ConsultantAboutCard, ConsultantHeading } from '../directory/ConsultantAbout';
import { ConsultantCard } from '../directory/ConsultantCard';

/**
 * The consultant's card and page as owners will see them, drawn by the directory's own
 * components from what is typed now, so the preview and the directory cannot differ.
 */
export function PublicationPreview({ consultant, published }: { consultant: PreviewedConsultant; published: boolean }) {
  return (
    <section
      className="card section-card publication-preview"
      aria-labelledby="preview-title"
      data-testid="publication-preview"
    >
      <h2 id="preview-title">How owners will see you</h2>
      <p className="muted small">
        {published
          ? 'Once saved, this is what the directory shows.'
          : 'Not published: owners will see this only once you publish.'}
      </p>
      <h3 className="preview-label">In the directory</h3>
      <div className="card consultant-card" data-testid="preview-card">
        <ConsultantCard consultant={consultant} href={null} />
      </div>
      <h3 className="preview-label">On your page</h3>
      <div className="preview-page" data-testid="preview-page">
        <ConsultantHeading consultant={consultant} titleId="preview-name" level={3} />
        <ConsultantAboutCard consultant={consultant} />
      </div>
    </section>
  );
}
