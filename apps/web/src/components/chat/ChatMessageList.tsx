import { useCallback, useEffect, useRef } from 'react';
import type { ChatMessageView } from '@vetmeet/contracts/client';
import { ChatAttachment } from './ChatAttachment';

const timeOfDay = (iso: string, timeZone?: string) => {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' }).format(new Date(iso));
  }
};

interface ChatMessageListProps {
  consultationId: string;
  messages: readonly ChatMessageView[];
  /** The viewer: their own messages sit on the other side. */
  selfId: string;
  timeZone?: string;
  /** Keeps the newest message in view as messages arrive (the in-call panel). */
  followNewest?: boolean;
}

/**
 * The consultation's chat: who wrote what and when, and the files shared (pictures as
 * thumbnails), each with its download link.
 */
export function ChatMessageList({ consultationId, messages, selfId, timeZone, followNewest = false }: ChatMessageListProps) {
  const listRef = useRef<HTMLOListElement>(null);

  const showNewest = useCallback(() => {
    const list = listRef.current;
    if (followNewest && list) list.scrollTop = list.scrollHeight;
  }, [followNewest]);

  useEffect(showNewest, [showNewest, messages.length]);

  return (
    <ol ref={listRef} className="chat-messages" data-testid="chat-messages" aria-label="Messages">
      {messages.map((message) => {
        const mine = message.sender.userId === selfId;
        return (
          <li key={message.id} className={mine ? 'chat-message chat-message-mine' : 'chat-message'} data-testid="chat-message">
            <p className="chat-meta">
              <span className="chat-sender">{mine ? 'You' : message.sender.displayName}</span>{' '}
              <time dateTime={message.sentAt}>{timeOfDay(message.sentAt, timeZone)}</time>
            </p>
            {message.text !== null && <p className="chat-text">{message.text}</p>}
            {message.attachment && (
              <ChatAttachment
                consultationId={consultationId}
                attachment={message.attachment}
                onPictureLoad={showNewest}
              />
            )}
          </li>
        );
      })}
    </ol>
  );
}
