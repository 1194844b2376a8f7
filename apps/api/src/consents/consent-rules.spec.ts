import { ErrorCode } from '@vetmeet/contracts';
import { consentsViewOf, decideConsentChange, type ConsentChange } from './consent-rules';

const change = (overrides: Partial<ConsentChange> = {}): ConsentChange => ({
  role: 'owner',
  status: 'scheduled',
  purpose: 'recording',
  standing: false,
  granted: true,
  ...overrides,
});

describe(decideConsentChange.name, () => {
  it('appends only an answer that changes the standing one', () => {
    expect(decideConsentChange(change({ standing: false, granted: true }))).toEqual({ kind: 'append' });
    expect(decideConsentChange(change({ standing: true, granted: false }))).toEqual({ kind: 'append' });
    expect(decideConsentChange(change({ standing: true, granted: true }))).toEqual({ kind: 'unchanged' });
    // Never answered stands as "no": refusing again records nothing.
    expect(decideConsentChange(change({ standing: false, granted: false }))).toEqual({ kind: 'unchanged' });
  });

  it("keeps support review the owner's: the consultant is refused, granting or withdrawing", () => {
    for (const granted of [true, false]) {
      const decision = decideConsentChange(change({ role: 'consultant', purpose: 'support_review', granted }));
      expect(decision).toMatchObject({ kind: 'refused', code: ErrorCode.Forbidden });
    }
    expect(decideConsentChange(change({ purpose: 'support_review' }))).toEqual({ kind: 'append' });
    expect(decideConsentChange(change({ role: 'consultant' }))).toEqual({ kind: 'append' });
  });

  const closedForConsent = ['cancelled', 'invited', 'declined', 'expired'] as const;
  it.each(closedForConsent)('takes no answer for a consultation %s', (status) => {
    for (const granted of [true, false]) {
      const refused = { kind: 'refused', code: ErrorCode.ConsultationState };
      expect(decideConsentChange(change({ status, granted }))).toMatchObject(refused);
    }
  });

  const held = ['scheduled', 'waiting', 'in_progress', 'ended', 'no_show'] as const;
  it.each(held)('takes an answer for a consultation %s (a withdrawal after the call matters)', (status) => {
    expect(decideConsentChange(change({ status }))).toEqual({ kind: 'append' });
  });
});

describe(consentsViewOf.name, () => {
  const participants = { role: 'owner' as const, owner: { userId: 'o' }, consultant: { userId: 'c' } };
  const at = new Date('2026-12-07T10:00:00Z');

  it('shows the caller their answers in full and the other only as whether they agreed to recording', () => {
    const view = consentsViewOf(
      'o',
      participants,
      [
        { userId: 'o', purpose: 'recording', granted: true, policyVersion: 'v1', recordedAt: at },
        { userId: 'c', purpose: 'recording', granted: false, policyVersion: 'v1', recordedAt: at },
      ],
      'v2',
    );
    expect(view).toEqual({
      policyVersion: 'v2',
      role: 'owner',
      mine: {
        recording: { granted: true, recordedAt: at.toISOString(), policyVersion: 'v1' },
        supportReview: { granted: false, recordedAt: null, policyVersion: null },
      },
      others: [{ userId: 'c', role: 'consultant', recording: false }],
    });
  });

  it('answers "not granted" for a person who never answered', () => {
    const view = consentsViewOf('c', { ...participants, role: 'consultant' }, [], 'v2');
    expect(view.others).toEqual([{ userId: 'o', role: 'owner', recording: false }]);
    expect(view.mine.recording).toEqual({ granted: false, recordedAt: null, policyVersion: null });
  });
});
