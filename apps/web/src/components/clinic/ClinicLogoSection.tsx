import { CLINIC_LOGO_MAX_BYTES, CLINIC_LOGO_TYPES, type ClinicProfileView } from '@vetmeet/contracts/client';
import { removeClinicLogo, uploadClinicLogo } from '../../api/clinic-profile';
import { ImageUploadSection, type ImageUploadWording } from '../ImageUploadSection';

const WORDING: ImageUploadWording = {
  noun: 'logo',
  heading: 'Logo',
  whose: 'The',
  empty: 'No logo yet.',
  alt: 'The clinic’s logo',
  hintTail: ', ideally square.',
};

/** The clinic's logo: uploaded, replaced or removed at once (the directory shows it only if the profile says so). */
interface ClinicLogoSectionProps {
  profile: ClinicProfileView;
  onChanged: (profile: ClinicProfileView) => void;
}

export function ClinicLogoSection({ profile, onChanged }: ClinicLogoSectionProps) {
  return (
    <ImageUploadSection
      id="clinic-logo"
      className="card section-card"
      previewClassName="clinic-logo-preview"
      imageUrl={profile.logoUrl}
      maxBytes={CLINIC_LOGO_MAX_BYTES}
      types={CLINIC_LOGO_TYPES}
      wording={WORDING}
      upload={async (file) => onChanged(await uploadClinicLogo(profile.id, file))}
      remove={async () => {
        await removeClinicLogo(profile.id);
        onChanged({ ...profile, logoUrl: null });
      }}
    />
  );
}
