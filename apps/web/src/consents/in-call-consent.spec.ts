import { inCallConsentWording, inCallSavedMessage } from './in-call-consent';

describe('the in-call consent control', () => {
  it('shows the answer as it stands and offers the opposite in one button', () => {
    expect(inCallConsentWording(true)).toEqual({
      status: 'Your consent to recording: given',
      action: 'Withdraw my consent',
    });
    expect(inCallConsentWording(false)).toEqual({
      status: 'Your consent to recording: not given',
      action: 'Allow recording',
    });
  });

  it('says what a saved change does to the call', () => {
    expect(inCallSavedMessage(false)).toBe('Saved: you withdrew your consent. Nothing more of this call is recorded.');
    expect(inCallSavedMessage(true)).toContain('only when everyone in the call agrees');
  });
});
