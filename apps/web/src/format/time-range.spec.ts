import { formatInstant, formatLeadTime, formatTimeRange } from './time-range';

describe(formatTimeRange.name, () => {
  it('shows the start and end on the viewer’s clock and names the zone', () => {
    expect(formatTimeRange('2026-11-24T12:00:00Z', '2026-11-24T12:30:00Z', 'Europe/Kyiv')).toBe('Tuesday 24 November 2026, 14:00–14:30 (Europe/Kyiv)');
    expect(formatTimeRange('2026-11-24T12:00:00Z', '2026-11-24T12:30:00Z', 'America/New_York')).toBe('Tuesday 24 November 2026, 07:00–07:30 (America/New_York)');
  });

  it('names both days when the consultation runs past midnight', () => {
    expect(formatTimeRange('2026-11-24T21:45:00Z', '2026-11-24T22:15:00Z', 'Europe/Kyiv')).toBe('Tuesday 24 November 2026, 23:45 – Wednesday 25 November 2026, 00:15 (Europe/Kyiv)');
  });

  it('falls back to UTC instants for a zone the browser does not know', () => {
    expect(formatTimeRange('2026-11-24T12:00:00Z', '2026-11-24T12:30:00Z', 'Mars/Olympus_Mons')).toBe('2026-11-24T12:00:00Z – 2026-11-24T12:30:00Z (UTC)');
  });
});

describe(formatInstant.name, () => {
  it('shows one moment with the zone', () => {
    expect(formatInstant('2026-11-23T12:00:00Z', 'Asia/Kolkata')).toBe('Monday 23 November 2026, 17:30 (Asia/Kolkata)');
  });
});

describe(formatLeadTime.name, () => {
  it('says whole days as days and anything else in hours', () => {
    expect(formatLeadTime(24)).toBe('24 hours');
    expect(formatLeadTime(48)).toBe('2 days');
    expect(formatLeadTime(1)).toBe('1 hour');
    expect(formatLeadTime(36)).toBe('36 hours');
  });
});
