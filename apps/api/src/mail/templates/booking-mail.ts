import { formatMinorUnits } from '@vetmeet/contracts';
import { oneLine, renderLayout, type MailContent } from './layout';
import type { BookingAudience, BookingNames } from './locales';
import type { RenderedMail, TemplateContext } from './rendered-mail';

/**
 * What every booking email is given. Least data: the other participant's display name and
 * the pet's name are the only facts about people in it; never the reason for the visit,
 * the pet's record or anyone's contact details.
 */
export interface BookingMailParams {
  audience: BookingAudience;
  /** The recipient's own display name, for the greeting. */
  recipientName: string;
  /** The consultant for an owner, the owner for a consultant. */
  otherPartyName: string;
  petName: string;
  startsAt: Date;
  endsAt: Date;
  /** The recipient's IANA zone: times read as their own, with the zone named. UTC when unknown. */
  timeZone: string;
  /** The recipient's country (ISO 3166-1 alpha-2): dates are written its way (24 November, 15:00 or November 24, 3:00 PM). */
  country?: string;
  /** The button: the consultation page (to join) or the bookings page. */
  link: string;
}

/** An amount in the currency's minor units (cents), as payments store it. */
export interface MailMoney {
  amount: number;
  currency: string;
}

/** What one booking template adds to the shared frame. */
export interface BookingMailParts {
  subject: string;
  heading: string;
  paragraphs: string[];
  action: string;
  /** A reschedule: the time it replaced, shown under the new one. */
  previous?: { startsAt: Date; endsAt: Date };
  refund?: string;
  notes?: string[];
}

const NAME_MAX = 80;

/** Names people chose: one line, bounded, so they cannot pose as paragraphs or links of our own. */
export function bookingNames(params: BookingMailParams): BookingNames {
  return { other: cleanName(params.otherPartyName), pet: cleanName(params.petName) };
}

export function renderBookingMail(params: BookingMailParams, parts: BookingMailParts, context: TemplateContext): RenderedMail {
  const strings = context.strings.booking;
  const when = (startsAt: Date, endsAt: Date) => {
    const range = formatBookingTime(startsAt, endsAt, params.timeZone, context.locale, params.country);
    return strings.when(range, zoneToName(params.timeZone));
  };
  const names = bookingNames(params);
  const details: NonNullable<MailContent['details']> = [
    { label: strings.whenLabel, value: when(params.startsAt, params.endsAt) },
    ...(parts.previous ? [{ label: strings.previousWhenLabel, value: when(parts.previous.startsAt, parts.previous.endsAt) }] : []),
    { label: strings.otherLabel[params.audience], value: names.other },
    { label: strings.petLabel, value: names.pet },
    ...(parts.refund ? [{ label: strings.refundLabel, value: parts.refund }] : []),
  ];
  return renderLayout(
    {
      subject: parts.subject,
      heading: parts.heading,
      paragraphs: [strings.greeting(cleanName(params.recipientName)), ...parts.paragraphs],
      details,
      action: { label: parts.action, url: params.link },
      notes: parts.notes,
    },
    context,
  );
}

/** "Tuesday, 24 November 2026, 15:00–15:30 EET" in the reader's zone and their country's way of writing dates. */
export function formatBookingTime(startsAt: Date, endsAt: Date, timeZone: string, locale: string, country?: string): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: validZone(timeZone),
    timeZoneName: 'short',
  };
  return new Intl.DateTimeFormat(regionalLocale(locale, country), options).formatRange(startsAt, endsAt);
}

/** "€25.00" from 2500 EUR, "¥3,000" from 3000 JPY: minor units as Stripe counts them (formatMinorUnits). */
export function formatMoney({ amount, currency }: MailMoney, locale: string, country?: string): string {
  return formatMinorUnits(amount, currency, regionalLocale(locale, country));
}

function regionalLocale(locale: string, country: string | undefined): string {
  if (!country || !/^[A-Za-z]{2}$/.test(country)) return locale;
  try {
    return new Intl.Locale(locale, { region: country.toUpperCase() }).toString();
  } catch {
    return locale;
  }
}

/**
 * The zone's name to add after a range, or null when the range's abbreviation is already all there
 * is to say: UTC (and its aliases, and the fallback for an unknown zone) would read "UTC (UTC time)".
 */
export function zoneToName(timeZone: string): string | null {
  const zone = validZone(timeZone);
  return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone === 'UTC' ? null : zone;
}

/** An unknown zone must not stop a booking email: it falls back to UTC, and says so. */
function validZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function cleanName(name: string): string {
  return oneLine(name).slice(0, NAME_MAX);
}
