/**
 * The calendar file (RFC 5545) a booking email carries: METHOD:REQUEST adds or updates the
 * event in the reader's calendar, METHOD:CANCEL (STATUS:CANCELLED) removes it. The UID is
 * stable per booking, so a reschedule updates the same event; each later change has a
 * higher SEQUENCE, which is how calendars know which version wins. It holds nothing about
 * people beyond what the email shows (the title names the pet and the other participant).
 */
export type CalendarMethod = 'REQUEST' | 'CANCEL';

export interface BookingCalendarEvent {
  method: CalendarMethod;
  /** calendarUid(bookingId, domain). */
  uid: string;
  sequence: number;
  /** When this version of the event was made (DTSTAMP): the outbox row's creation, so a resend is byte-identical. */
  stampedAt: Date;
  startsAt: Date;
  endsAt: Date;
  title: string;
  description: string;
  /** The consultation page (join link). */
  url: string;
  /** The platform's sender address (MAIL_FROM): iTIP wants an organizer, and it names no person. */
  organizer: string;
  /** The recipient's own address, already on the email. */
  attendee: string;
}

export const CALENDAR_FILE_NAME = 'consultation.ics';

/** One event per booking, whatever happens to it. */
export function calendarUid(bookingId: string, domain: string): string {
  return `booking-${bookingId}@${domain}`;
}

export function calendarContentType(method: CalendarMethod): string {
  return `text/calendar; charset=utf-8; method=${method}`;
}

export function buildCalendarFile(event: BookingCalendarEvent): string {
  const cancelled = event.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Vetmeet//Bookings//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${Math.trunc(event.sequence)}`,
    `DTSTAMP:${utc(event.stampedAt)}`,
    `DTSTART:${utc(event.startsAt)}`,
    `DTEND:${utc(event.endsAt)}`,
    `SUMMARY:${escapeText(event.title)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `LOCATION:${escapeText(event.url)}`,
    `URL:${uri(event.url)}`,
    `ORGANIZER;CN=Vetmeet:mailto:${uri(event.organizer)}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=${cancelled ? 'DECLINED' : 'ACCEPTED'};RSVP=FALSE:mailto:${uri(event.attendee)}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** TEXT values: backslash, semicolon and comma are escaped, a line break becomes \n (RFC 5545 3.3.11). */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const MAX_OCTETS = 75;

/**
 * Lines longer than 75 octets are folded: CRLF and one space, the space counting towards the
 * next line's 75 (RFC 5545 3.1). Folds fall between characters, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    const limit = out.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** 20261124T130000Z */
function utc(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A URI value is not TEXT-escaped, but it may never break the line. */
function uri(value: string): string {
  return value.replace(/[\r\n]/g, '');
}
