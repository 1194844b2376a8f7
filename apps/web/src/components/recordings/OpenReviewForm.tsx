import { useState } from 'react';
import { REVIEW_REASON_MAX_LENGTH, REVIEW_REASON_MIN_LENGTH } from '@vetmeet/contracts/client';
import { openReview } from '../../api/recordings';
import { Form } from '../../forms/Form';
import { localProblems } from '../../forms/form-problems';
import { SubmitButton } from '../../forms/SubmitButton';
import { TextAreaField } from '../../forms/TextAreaField';
import { useFormSubmit } from '../../forms/use-form-submit';

/** The reason a support person states before a recording opens to them; kept with the grant and every read. */
interface OpenReviewFormProps {
  recordingId: string;
  clinicId: string;
  onOpened: () => void;
}

const TOO_SHORT = `Say in a sentence why you review this recording (at least ${REVIEW_REASON_MIN_LENGTH} characters).`;

export function OpenReviewForm({ recordingId, clinicId, onOpened }: OpenReviewFormProps) {
  const [reason, setReason] = useState('');
  const { busy, problems, showProblems, run } = useFormSubmit();
  const formId = `review-${recordingId}`;

  function submit(): void {
    const text = reason.trim();
    const found = localProblems(text.length < REVIEW_REASON_MIN_LENGTH ? { reason: TOO_SHORT } : {});
    if (found) {
      showProblems(found);
      return;
    }
    void run(async () => {
      await openReview(recordingId, text, clinicId);
      onOpened();
    });
  }

  return (
    <Form id={formId} problems={problems} busy={busy} onSubmit={submit} className="review-form">
      <TextAreaField
        name="reason"
        label="Reason for the review"
        hint="Required. Kept with the review and shown in the audit log with every part you play."
        value={reason}
        maxLength={REVIEW_REASON_MAX_LENGTH}
        onChange={(event) => setReason(event.currentTarget.value)}
      />
      <SubmitButton busy={busy} busyLabel="Opening…">
        Open the review
      </SubmitButton>
    </Form>
  );
}
