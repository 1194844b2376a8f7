import { buildCalendarFile, calendarContentType, calendarUid, escapeText, foldLine, type BookingCalendarEvent } from './booking-calendar';

const event: BookingCalendarEvent = {
  method: 'REQUEST',
  uid: calendarUid('7d3f3c1e-1111-4a2b-9c3d-000000000001', 'vetmeet.test'),
  sequence: 0,
  stampedAt: new Date('2026-11-20T08:00:05.123Z'),
  startsAt: new Date('2026-11-24T13:00:00Z'),
  endsAt: new Date('2026-11-24T13:30:00Z'),
  title: 'Vetmeet consultation: Rex with Dr. Anna Koval',
  description: 'Join the video consultation from its page on Vetmeet: https://vetmeet.test/consultations/abc',
  url: 'https://vetmeet.test/consultations/abc',
  organizer: 'no-reply@vetmeet.test',
  attendee: 'owner@example.test',
};

/** Undoes folding (RFC 5545 3.1): a CRLF followed by one space or tab disappears. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
const property = (text: string, name: string) => unfold(text).split('\r\n').find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));

describe(buildCalendarFile.name, () => {
  it('writes one event of the booking, in UTC, with CRLF line endings only', () => {
    const ics = buildCalendarFile(event);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Vetmeet//Bookings//EN\r\n')).toBe(true);
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(property(ics, 'METHOD')).toBe('METHOD:REQUEST');
    expect(property(ics, 'UID')).toBe('UID:booking-7d3f3c1e-1111-4a2b-9c3d-000000000001@vetmeet.test');
    expect(property(ics, 'SEQUENCE')).toBe('SEQUENCE:0');
    expect(property(ics, 'DTSTAMP')).toBe('DTSTAMP:20261120T080005Z');
    expect(property(ics, 'DTSTART')).toBe('DTSTART:20261124T130000Z');
    expect(property(ics, 'DTEND')).toBe('DTEND:20261124T133000Z');
    expect(property(ics, 'URL')).toBe('URL:https://vetmeet.test/consultations/abc');
    expect(property(ics, 'STATUS')).toBe('STATUS:CONFIRMED');
    expect(property(ics, 'SUMMARY')).toBe('SUMMARY:Vetmeet consultation: Rex with Dr. Anna Koval');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('cancels the same event with METHOD:CANCEL, STATUS:CANCELLED and a higher SEQUENCE', () => {
    const ics = buildCalendarFile({ ...event, method: 'CANCEL', sequence: 2 });
    expect(property(ics, 'METHOD')).toBe('METHOD:CANCEL');
    expect(property(ics, 'STATUS')).toBe('STATUS:CANCELLED');
    expect(property(ics, 'SEQUENCE')).toBe('SEQUENCE:2');
    expect(property(ics, 'UID')).toBe(property(buildCalendarFile(event), 'UID'));
    expect(calendarContentType('CANCEL')).toBe('text/calendar; charset=utf-8; method=CANCEL');
  });

  it('escapes commas, semicolons, backslashes and line breaks in text, so a name cannot add a property', () => {
    const ics = buildCalendarFile({ ...event, title: 'Rex, Max; Bella \\ Co\r\nATTENDEE:mailto:evil@example.test\nEND:VEVENT' });
    expect(property(ics, 'SUMMARY')).toBe('SUMMARY:Rex\\, Max\\; Bella \\\\ Co\\nATTENDEE:mailto:evil@example.test\\nEND:VEVENT');
    expect(unfold(ics).split('\r\n').filter((line) => line.startsWith('ATTENDEE'))).toHaveLength(1);
    expect(ics.match(/END:VEVENT/g)).toHaveLength(1);
  });

  it('folds a long line of multi-byte characters at 75 octets, never inside a character', () => {
    const title = 'Консультація: Барсик 🐈 з лікаркою Ольгою Ковальчук-Шевченко, '.repeat(4);
    const ics = buildCalendarFile({ ...event, title });
    const lines = ics.split('\r\n');
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // Each physical line is valid UTF-8 on its own: no sequence was cut.
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
      expect(line).not.toContain('\uFFFD');
    }
    const summary = lines.findIndex((line) => line.startsWith('SUMMARY:'));
    expect(lines[summary + 1].startsWith(' ')).toBe(true);
    expect(property(ics, 'SUMMARY')).toBe(`SUMMARY:${escapeText(title)}`);
  });
});

describe(foldLine.name, () => {
  it('leaves a line of 75 octets whole and folds the 76th onto a line that starts with a space', () => {
    expect(foldLine('a'.repeat(75))).toBe('a'.repeat(75));
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`);
    expect(foldLine('a'.repeat(75 + 74 + 1))).toBe(`${'a'.repeat(75)}\r\n ${'a'.repeat(74)}\r\n a`);
  });

  it('moves a character that would straddle the limit to the next line', () => {
    const folded = foldLine(`${'a'.repeat(73)}€b`);
    // € is 3 octets: 73 + 3 > 75.
    expect(folded).toBe(`${'a'.repeat(73)}\r\n €b`);
  });
});

describe(escapeText.name, () => {
  it('escapes the characters TEXT reserves', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
});
