import { useState } from 'react';
import { ROOM_PASSWORD_MAX_LENGTH, ROOM_PASSWORD_MIN_LENGTH, type ConsultationView } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { removeRoomPassword, setRoomPassword } from '../api/consultations';
import { describeApiError } from '../api/error-messages';
import { Form } from '../forms/Form';
import { localProblems } from '../forms/form-problems';
import { SubmitButton } from '../forms/SubmitButton';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';
import { StatusMessage } from './StatusMessage';

const LENGTH_RULE = `${ROOM_PASSWORD_MIN_LENGTH} to ${ROOM_PASSWORD_MAX_LENGTH} characters`;

function passwordProblem(password: string): string | undefined {
  if (password.length < ROOM_PASSWORD_MIN_LENGTH || password.length > ROOM_PASSWORD_MAX_LENGTH) return `Choose a room password of ${LENGTH_RULE}.`;
  return undefined;
}

/**
 * The owner's optional room password: whoever joins the room must type it. The owner tells
 * the vet by another way (phone); Vetmeet never shows it again.
 */
export function RoomPasswordSection({ consultation, onChanged }: { consultation: ConsultationView; onChanged: (updated: ConsultationView) => void }) {
  const [password, setPassword] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();

  function submit(): void {
    const problem = passwordProblem(password);
    const found = localProblems(problem ? { password: problem } : {});
    if (found) {
      showProblems(found);
      return;
    }
    setStatus(null);
    void run(
      async () => {
        const updated = await setRoomPassword(consultation.id, { password });
        setPassword('');
        setStatus(consultation.roomPasswordSet ? 'The room password was changed.' : 'The room now asks for a password.');
        onChanged(updated);
      },
      { explainField: (field) => (field === 'password' ? `Choose a room password of ${LENGTH_RULE}.` : undefined) },
    );
  }

  async function remove(): Promise<void> {
    setRemoving(true);
    setRemoveError(null);
    setStatus(null);
    try {
      const updated = await removeRoomPassword(consultation.id);
      setStatus('The room no longer asks for a password.');
      onChanged(updated);
    } catch (error) {
      setRemoveError(error instanceof ApiError ? describeApiError(error) : 'The password could not be removed. Try again.');
    } finally {
      setRemoving(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="room-password-title" data-testid="room-password">
      <h2 id="room-password-title">Room password</h2>
      <p className="muted">
        {consultation.roomPasswordSet
          ? 'Joining the room asks for the password you set. Tell it to your vet by phone or in person, not by e-mail.'
          : 'Optional: a password that anyone joining the room must type, as well as being signed in.'}
      </p>
      <StatusMessage message={status} />
      <Form id="room-password-form" problems={problems} busy={busy} onSubmit={submit} aria-labelledby="room-password-title">
        <TextField
          name="password"
          label={consultation.roomPasswordSet ? 'New room password' : 'Room password'}
          hint={`${LENGTH_RULE}.`}
          type="password"
          autoComplete="new-password"
          className="input-medium"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="Saving…">
            {consultation.roomPasswordSet ? 'Change the password' : 'Set the password'}
          </SubmitButton>
          {consultation.roomPasswordSet && (
            <button type="button" className="button button-quiet" onClick={() => void remove()} aria-disabled={removing || undefined} disabled={removing}>
              {removing ? 'Removing…' : 'Remove the password'}
            </button>
          )}
        </div>
      </Form>
      {removeError && (
        <p className="notice notice-error" role="alert">
          {removeError}
        </p>
      )}
    </section>
  );
}
