/**
 * Zones IANA renamed that browsers' ICU data may still report by the old name. The new
 * name is the same zone and every current ICU accepts it, so it is the one we show and store.
 */
const RENAMED: Record<string, string> = {
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

const currentName = (zone: string): string => RENAMED[zone] ?? zone;

/** The browser's own time zone (an IANA name such as Europe/Kyiv), or UTC when it will not say. */
export function browserTimeZone(): string {
  try {
    return currentName(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  } catch {
    return 'UTC';
  }
}

export interface TimeZoneOption {
  name: string;
  /** "Europe/Kyiv (GMT+02:00)": the offset today helps people who know their zone by it. */
  label: string;
}

function offsetOf(timeZone: string, at: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at);
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

/**
 * Every IANA zone the browser knows, plus `include` (the browser's own zone or an
 * account's current one) when the list lacks it, as it can for older aliases.
 */
export function timeZoneOptions(include: string[] = []): TimeZoneOption[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const names = new Set<string>(known.map(currentName));
  for (const name of include) if (name) names.add(name);
  names.add('UTC');
  const now = new Date();
  return [...names]
    .sort((a, b) => a.localeCompare(b, 'en'))
    .map((name) => {
      const offset = offsetOf(name, now);
      return { name, label: offset ? `${name.replaceAll('_', ' ')} (${offset})` : name.replaceAll('_', ' ') };
    });
}
