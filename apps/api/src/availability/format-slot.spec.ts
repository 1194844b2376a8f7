import { ErrorCode } from '@vetmeet/contracts';
import { formatSlotForViewer } from './format-slot';
import { computeSlots } from './slot-engine';
import { kyivQuery, utcInterval } from './slot-query.fixture';

describe('formatSlotForViewer', () => {
  it('shows a Kyiv consultant’s Monday afternoon as Tuesday morning to an owner in Auckland', () => {
    // 16:00 Kyiv (UTC+2) is 14:00Z, 03:00 the next day in Auckland (NZDT, UTC+13).
    const [slot] = computeSlots(kyivQuery({ weeklyRules: [{ weekday: 'monday', start: '16:00', end: '16:30' }] }));
    expect(slot.startsAt.toISOString()).toBe('2026-11-23T14:00:00.000Z');
    const shown = formatSlotForViewer(slot, 'Pacific/Auckland');
    expect(shown).toMatchObject({ timeZone: 'Pacific/Auckland', date: '2026-11-24', startTime: '03:00', endTime: '03:30', endDate: '2026-11-24' });
    expect(shown.label).toMatch(/^Tuesday.*24 November 2026.*03:00.*03:30$/);
  });

  it('shows the same slot on the consultant’s own date in Kyiv', () => {
    const shown = formatSlotForViewer(utcInterval('2026-11-23T14:00', '2026-11-23T14:30'), 'Europe/Kyiv');
    expect(shown).toMatchObject({ date: '2026-11-23', startTime: '16:00', endTime: '16:30' });
    expect(shown.label).toMatch(/^Monday/);
  });

  it('gives the end its own date when the slot runs past the viewer’s midnight', () => {
    const shown = formatSlotForViewer(utcInterval('2026-11-23T10:30', '2026-11-23T11:00'), 'Pacific/Auckland');
    expect(shown).toMatchObject({ date: '2026-11-23', startTime: '23:30', endTime: '00:00', endDate: '2026-11-24' });
  });

  it('formats in the locale asked for', () => {
    const shown = formatSlotForViewer(utcInterval('2026-11-23T14:00', '2026-11-23T14:30'), 'Europe/Kyiv', 'uk-UA');
    expect(shown.label).toMatch(/понеділок/);
  });

  it('rejects an unknown viewer zone as a validation failure', () => {
    expect(() => formatSlotForViewer(utcInterval('2026-11-23T14:00', '2026-11-23T14:30'), 'Nowhere/Land')).toThrow(
      expect.objectContaining({ code: ErrorCode.ValidationFailed }),
    );
  });
});
