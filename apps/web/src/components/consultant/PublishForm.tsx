import { useMemo, useState } from 'react';
import { ErrorCode, type ConsultantPublicationView } from '@vetmeet/contracts/client';
import { ApiError } from '../../api/api-error';
import { savePublication } from '../../api/consultant-publication';
import { timeZoneOptions } from '../../accounts/time-zones';
import {
  availabilityFieldOf,
  availabilityValuesOf,
  isAvailabilityField,
  toAvailabilityPayload,
  validateAvailability,
  type AvailabilityValues,
} from '../../consultant/availability-form';
import { currencyOptions } from '../../consultant/price-input';
import {
  PUBLISH_NEEDS,
  profileFieldOf,
  profileValuesOf,
  toProfilePayload,
  validateProfile,
  type ProfileValues,
} from '../../consultant/profile-form';
import { previewOf } from '../../consultant/publication-preview';
import { withFormFieldNames } from '../../consultant/server-fields';
import { Form } from '../../forms/Form';
import { localProblems } from '../../forms/form-problems';
import { SubmitButton } from '../../forms/SubmitButton';
import { useFormSubmit } from '../../forms/use-form-submit';
import { StatusMessage } from '../StatusMessage';
import { AvailabilityFields } from './AvailabilityForm';
import { ProfileFields } from './ConsultantProfileForm';
import { PublicationPreview } from './PublicationPreview';

interface PublishFormProps {
  clinicId: string;
  consultantId: string;
  publication: ConsultantPublicationView;
  initialProfile: ProfileValues;
  initialAvailability: AvailabilityValues;
  onSaved: (publication: ConsultantPublicationView) => void;
}

/** The server's "profile.x" and "availability.x" details as this form's fields. */
function publicationFieldOf(serverField: string, availability: AvailabilityValues): string | undefined {
  if (serverField.startsWith('profile.')) return profileFieldOf(serverField.slice('profile.'.length));
  if (serverField.startsWith('availability.')) {
    return availabilityFieldOf(serverField.slice('availability.'.length), availability);
  }
  return undefined;
}

/** Profile, hours and Published in one form and one save, beside a live preview of what owners will see. */
export function PublishForm(props: PublishFormProps) {
  const { clinicId, consultantId, publication, initialProfile, initialAvailability, onSaved } = props;
  const [profile, setProfile] = useState<ProfileValues>(initialProfile);
  const [hours, setHours] = useState<AvailabilityValues>(initialAvailability);
  const [status, setStatus] = useState<string | null>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();
  const zones = useMemo(() => timeZoneOptions([initialProfile.timeZone]), [initialProfile.timeZone]);
  const currencies = useMemo(() => currencyOptions([initialProfile.priceCurrency]), [initialProfile.priceCurrency]);
  const photoUrl = publication.profile?.photoUrl ?? null;
  const preview = previewOf(profile, { id: consultantId, clinic: publication.clinic, photoUrl });

  function submit(): void {
    setStatus(null);
    const found = localProblems({ ...validateProfile(profile), ...validateAvailability(hours) });
    if (found) {
      showProblems(found);
      return;
    }
    void run(
      async () => {
        const payload = { profile: toProfilePayload(profile), availability: toAvailabilityPayload(hours) };
        const saved = await savePublication(clinicId, payload).catch((error: unknown) => {
          if (error instanceof ApiError && error.code === ErrorCode.ConsultantProfileIncomplete) {
            // Beside the Published box, whatever is missing: that is the choice to change or complete.
            const details = error.details.map((detail) => `published: ${detail.slice(detail.indexOf(': ') + 2)}`);
            throw new ApiError(error.code, error.message, error.status, details, error.requestId);
          }
          throw withFormFieldNames(error, (field) => publicationFieldOf(field, hours));
        });
        if (saved.profile) setProfile(profileValuesOf(saved.profile));
        if (saved.availability) setHours(availabilityValuesOf(saved.availability));
        setStatus(
          saved.profile?.published
            ? 'Saved and published: owners can find and book you now.'
            : 'Saved. Not published: owners cannot find you yet.',
        );
        onSaved(saved);
      },
      {
        explainField: (field, problem) => {
          if (field === 'published') return `Not published yet: ${problem}.`;
          const ours = profileFieldOf(field) || field.startsWith('offering-') || isAvailabilityField(field);
          return ours ? `Check this value (${problem}).` : undefined;
        },
        explainMessage: (error) =>
          error.code === ErrorCode.ConsultantProfileIncomplete ? `Nothing was saved. ${PUBLISH_NEEDS}` : undefined,
      },
    );
  }

  return (
    <div className="schedule-layout">
      <section className="card form-card schedule-main" aria-labelledby="publish-form-title">
        <h2 id="publish-form-title">Your profile and hours</h2>
        <Form id="publish" problems={problems} busy={busy} onSubmit={submit} aria-labelledby="publish-form-title">
          <ProfileFields
            values={profile}
            setValues={setProfile}
            zones={zones}
            currencies={currencies}
            publishHint={`Listed in the directory once saved. ${PUBLISH_NEEDS}`}
          />
          <AvailabilityFields values={hours} setValues={setHours} timeZone={profile.timeZone} onNotice={setStatus} />
          <div className="form-actions">
            <SubmitButton busy={busy} busyLabel="Saving…">
              {profile.published ? 'Save and publish' : 'Save'}
            </SubmitButton>
          </div>
          <StatusMessage message={status} />
        </Form>
      </section>
      <div className="schedule-aside publication-aside">
        <PublicationPreview consultant={preview} published={profile.published} />
      </div>
    </div>
  );
}
