/**
 * "Tue, 24 Nov 2026, 14:00–14:30": a span of time read in a zone, the end's date added only
 * when it falls on another day there ("Mon, 28 Dec 2026, 09:00 – Sun, 3 Jan 2027, 18:00").
 * Times are 24-hour, as the rest of the app writes them.
 */
export function formatZonedRange(startsAt: string, endsAt: string, timeZone: string): string {
  const day = (iso: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(new Date(iso));
  const time = (iso: string) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
  const startDay = day(startsAt);
  // Ending at midnight ends the start's day ("23:30–00:00"), not the next one.
  const endDay = day(new Date(Date.parse(endsAt) - 1).toISOString());
  return startDay === endDay ? `${startDay}, ${time(startsAt)}–${time(endsAt)}` : `${startDay}, ${time(startsAt)} – ${endDay}, ${time(endsAt)}`;
}
