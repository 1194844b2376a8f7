import { randomUUID } from 'node:crypto';
import type { AddressObject, ParsedMail } from 'mailparser';

/** One received email as the development mailbox shows it (and /dev/mailbox.json returns it). */
export interface DevMailboxMessage {
  id: string;
  receivedAt: string;
  /** The SMTP envelope: who the message was really delivered to, whatever the headers say. */
  envelope: { from: string; to: string[] };
  messageId?: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Absent for a text-only email. */
  html?: string;
  attachments: { filename?: string; contentType: string; size: number }[];
}

export interface DevMailboxListing {
  messages: DevMailboxMessage[];
}

/**
 * The last emails the development SMTP server received, newest first, in memory only: a
 * restart empties it, and it never holds more than CAPACITY messages.
 */
export class DevMailbox {
  static readonly CAPACITY = 200;
  private readonly messages: DevMailboxMessage[] = [];

  add(parsed: ParsedMail, envelope: DevMailboxMessage['envelope'], receivedAt = new Date()): DevMailboxMessage {
    const message: DevMailboxMessage = {
      id: randomUUID(),
      receivedAt: receivedAt.toISOString(),
      envelope,
      messageId: parsed.messageId,
      from: addressText(parsed.from),
      to: addressText(parsed.to),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: parsed.html || undefined,
      attachments: parsed.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
    };
    this.messages.unshift(message);
    this.messages.length = Math.min(this.messages.length, DevMailbox.CAPACITY);
    return message;
  }

  list(): DevMailboxMessage[] {
    return [...this.messages];
  }
}

function addressText(header: AddressObject | AddressObject[] | undefined): string {
  if (!header) return '';
  return (Array.isArray(header) ? header : [header]).map((address) => address.text).join(', ');
}
