import type { ChatMessageView } from '@vetmeet/contracts/client';
import { ChatComposer } from '../chat/ChatComposer';
import { ChatFileShare } from '../chat/ChatFileShare';
import { ChatMessageList } from '../chat/ChatMessageList';

interface ChatPanelProps {
  consultationId: string;
  messages: readonly ChatMessageView[];
  selfId: string;
  timeZone: string;
  onSend: (text: string) => Promise<void>;
  onShared: (message: ChatMessageView) => void;
}

/** The in-call chat: what was said so far (history on joining), a line to write, and file sharing. */
export function ChatPanel({ consultationId, messages, selfId, timeZone, onSend, onShared }: ChatPanelProps) {
  return (
    <section className="call-chat" aria-labelledby="call-chat-title" data-testid="call-chat">
      <h2 id="call-chat-title">Chat</h2>
      {messages.length === 0 ? (
        <p className="muted small chat-empty">Messages and files you share stay with the consultation after the call.</p>
      ) : (
        <ChatMessageList consultationId={consultationId} messages={messages} selfId={selfId} timeZone={timeZone} followNewest />
      )}
      <div aria-live="polite" className="visually-hidden">
        {messages.length > 0 && messages[messages.length - 1].sender.userId !== selfId && `New message from ${messages[messages.length - 1].sender.displayName}`}
      </div>
      <ChatComposer onSend={onSend} />
      <ChatFileShare consultationId={consultationId} onShared={onShared} />
    </section>
  );
}
