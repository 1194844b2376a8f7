import type { ConsultantSummaryView } from '@vetmeet/contracts/client';

/** The consultant's photo, or their initial; beside their name, so it says nothing more to a screen reader. */
interface ConsultantPhotoProps {
  consultant: Pick<ConsultantSummaryView, 'displayName' | 'photoUrl'>;
  large?: boolean;
}

export function ConsultantPhoto({ consultant, large }: ConsultantPhotoProps) {
  const className = large ? 'consultant-photo consultant-photo-large' : 'consultant-photo';
  if (consultant.photoUrl) return <img className={className} src={consultant.photoUrl} alt="" loading="lazy" />;
  return (
    <span className={`pet-avatar ${className}`} aria-hidden="true">
      {consultant.displayName.replace(/^Dr\.?\s+/i, '').slice(0, 1).toUpperCase()}
    </span>
  );
}
