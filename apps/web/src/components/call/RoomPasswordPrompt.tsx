import { useMemo, useState } from 'react';
import { ROOM_PASSWORD_MAX_LENGTH } from '@vetmeet/contracts/client';
import { Form } from '../../forms/Form';
import type { FormProblems } from '../../forms/form-problems';
import { SubmitButton } from '../../forms/SubmitButton';
import { TextField } from '../../forms/TextField';
import type { CallErrorView } from '../../rooms/call-state';
import { explainRoomError } from '../../rooms/room-errors';

interface RoomPasswordPromptProps {
  rejected: boolean;
  error: CallErrorView | null;
  busy: boolean;
  onSubmit: (password: string) => void;
}

function problemsOf(rejected: boolean, error: CallErrorView | null, empty: boolean): FormProblems | null {
  if (empty) return { message: 'There is a problem with the password.', fields: { password: 'Enter the room password.' } };
  if (error) return { message: explainRoomError(error), fields: {} };
  if (rejected) return { message: 'There is a problem with the password.', fields: { password: 'That room password is not right. Check it with the pet owner.' } };
  return null;
}

/** The owner set a room password: the person types it (the owner, or the vet who heard it from them). */
export function RoomPasswordPrompt({ rejected, error, busy, onSubmit }: RoomPasswordPromptProps) {
  const [password, setPassword] = useState('');
  const [empty, setEmpty] = useState(false);
  // One object per change: the form focuses its error summary whenever the problems change.
  const problems = useMemo(() => problemsOf(rejected && !busy, busy ? null : error, empty), [rejected, busy, error, empty]);

  return (
    <section className="card section-card" aria-labelledby="room-password-prompt-title" data-testid="room-password-prompt">
      <h2 id="room-password-prompt-title">This room has a password</h2>
      <p className="muted">The pet owner set a password for the room. Type it to join.</p>
      <Form
        id="room-password-prompt"
        problems={problems}
        busy={busy}
        onSubmit={() => {
          setEmpty(password.length === 0);
          if (password.length > 0) onSubmit(password);
        }}
        aria-labelledby="room-password-prompt-title"
      >
        <TextField
          name="password"
          label="Room password"
          type="password"
          // The one thing the page waits for now; the person just pressed the button that led here.
          autoFocus
          autoComplete="off"
          maxLength={ROOM_PASSWORD_MAX_LENGTH}
          className="input-medium"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="Checking…">
            Join with this password
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}
