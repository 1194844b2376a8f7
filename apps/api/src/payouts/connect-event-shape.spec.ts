import { readConnectEvent } from './connect-event-shape';

const event = (fields: Record<string, unknown>) => ({
  id: 'evt_1Abc',
  object: 'event',
  type: 'account.updated',
  account: 'acct_1Clinic',
  data: { object: { id: 'acct_1Clinic', object: 'account', charges_enabled: true } },
  ...fields,
});

describe(readConnectEvent.name, () => {
  it('takes only the account id of an account.updated, and ignores other types', () => {
    expect(readConnectEvent(event({}))).toEqual({ accountUpdated: 'acct_1Clinic', id: 'evt_1Abc' });
    expect(readConnectEvent(event({ type: 'payout.paid' }))).toEqual({ ignored: 'payout.paid', id: 'evt_1Abc' });
  });

  it('refuses what names no account, another account than its data, or no event at all', () => {
    const problems = [
      event({ account: undefined }),
      event({ account: "acct_1'; DROP TABLE x" }),
      event({ data: { object: { id: 'acct_1Other', object: 'account' } } }),
      event({ data: { object: { id: 'acct_1Clinic', object: 'charge' } } }),
      event({ data: null }),
      event({ id: 'not-an-event' }),
      event({ type: 'Account Updated!' }),
      ['an', 'array'],
      null,
    ].map((payload) => readConnectEvent(payload));
    for (const read of problems) expect(read).toHaveProperty('malformed');
    expect(problems[5]).toMatchObject({ id: null });
  });
});
