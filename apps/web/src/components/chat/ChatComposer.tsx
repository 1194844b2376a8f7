import { useId, useState, type FormEvent } from 'react';
import { CHAT_MESSAGE_MAX_LENGTH } from '@vetmeet/contracts/client';
import { ApiError } from '../../api/api-error';
import { describeApiError } from '../../api/error-messages';

/** A line to type a message in; the text stays when sending fails, so nothing is lost. */
export function ChatComposer({ onSend }: { onSend: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const message = text.trim();
    if (!message || sending) return;
    setSending(true);
    setError(null);
    try {
      await onSend(message);
      setText('');
    } catch (failure) {
      setError(failure instanceof ApiError ? describeApiError(failure) : 'The message was not sent. Try again.');
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="chat-composer" onSubmit={(event) => void submit(event)} aria-label="Send a message">
      <label htmlFor={inputId} className="visually-hidden">
        Message
      </label>
      <input
        id={inputId}
        className="input"
        value={text}
        onChange={(event) => setText(event.target.value)}
        maxLength={CHAT_MESSAGE_MAX_LENGTH}
        placeholder="Write a message"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      <button type="submit" className="button button-primary" aria-disabled={sending || undefined}>
        {sending ? 'Sending…' : 'Send'}
      </button>
      {error && (
        <p id={errorId} className="field-error chat-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
