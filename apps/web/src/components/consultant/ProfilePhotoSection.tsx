import {
  CONSULTANT_PHOTO_MAX_BYTES,
  CONSULTANT_PHOTO_TYPES,
  type ConsultantOwnProfileView,
} from '@vetmeet/contracts/client';
import { removeProfilePhoto, uploadProfilePhoto } from '../../api/consultant-profile';
import { ImageUploadSection, type ImageUploadWording } from '../ImageUploadSection';

const WORDING: ImageUploadWording = {
  noun: 'photo',
  heading: 'Photo',
  whose: 'Your',
  empty: 'No photo yet: owners see your initial.',
  alt: 'Your profile photo',
  hintTail: '. Owners see it in the directory once you publish.',
};

interface ProfilePhotoSectionProps {
  clinicId: string;
  profile: ConsultantOwnProfileView;
  onChanged: (profile: ConsultantOwnProfileView) => void;
}

/** The photo owners see beside the profile: replaced by uploading another, or removed. */
export function ProfilePhotoSection({ clinicId, profile, onChanged }: ProfilePhotoSectionProps) {
  return (
    <ImageUploadSection
      id="profile-photo"
      className="sub-section profile-photo"
      headingClassName="profile-photo-title"
      previewClassName="consultant-photo-preview"
      imageUrl={profile.photoUrl}
      maxBytes={CONSULTANT_PHOTO_MAX_BYTES}
      types={CONSULTANT_PHOTO_TYPES}
      wording={WORDING}
      upload={async (file) => onChanged(await uploadProfilePhoto(clinicId, file))}
      remove={async () => {
        await removeProfilePhoto(clinicId);
        onChanged({ ...profile, photoUrl: null });
      }}
    />
  );
}
