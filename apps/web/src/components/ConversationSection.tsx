import { useCallback } from 'react';
import { listConsultationMessages } from '../api/consultations';
import { useResource } from '../api/use-resource';
import { ChatMessageList } from './chat/ChatMessageList';
import { LoadFailure } from './LoadFailure';

interface ConversationSectionProps {
  consultationId: string;
  selfId: string;
  timeZone: string;
}

/** What was written and shared in the room, kept with the consultation after the call. */
export function ConversationSection({ consultationId, selfId, timeZone }: ConversationSectionProps) {
  const load = useCallback((signal: AbortSignal) => listConsultationMessages(consultationId, signal), [consultationId]);
  const messages = useResource(load);
  return (
    <section className="card section-card" aria-labelledby="conversation-title" data-testid="conversation">
      <h2 id="conversation-title">Chat and shared files</h2>
      {messages.resource.status === 'loading' && <p role="status">Loading the chat…</p>}
      {messages.resource.status === 'failed' && <LoadFailure error={messages.resource.error} onRetry={messages.reload} />}
      {messages.resource.status === 'loaded' &&
        (messages.resource.data.length === 0 ? (
          <p className="muted">Nothing yet. Messages and files shared in the video room stay here afterwards.</p>
        ) : (
          <ChatMessageList consultationId={consultationId} messages={messages.resource.data} selfId={selfId} timeZone={timeZone} />
        ))}
    </section>
  );
}
