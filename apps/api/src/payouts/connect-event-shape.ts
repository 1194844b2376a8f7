const EVENT_ID = /^evt_\w{1,250}$/;
const EVENT_TYPE = /^[a-z0-9_]+(\.[a-z0-9_]+){1,4}$/;
const ACCOUNT_ID = /^acct_[A-Za-z0-9]{1,250}$/;

export type ReadConnectEvent =
  | { accountUpdated: string; id: string }
  | { ignored: string; id: string }
  /** Signed, so from Stripe, but nothing we can use. */
  | { malformed: string; id: string | null; type: string | null };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a verified delivery to the Connect endpoint. Events about a connected account name it in
 * `account`; for `account.updated` the data's object is that account. Only the account id is
 * taken from the payload: its status is read from Stripe itself, so a late or replayed event
 * cannot bring an older status back.
 */
export function readConnectEvent(payload: unknown): ReadConnectEvent {
  if (!isRecord(payload)) return { malformed: 'the event is not an object', id: null, type: null };
  const id = typeof payload.id === 'string' && EVENT_ID.test(payload.id) ? payload.id : null;
  const type = typeof payload.type === 'string' && EVENT_TYPE.test(payload.type) ? payload.type : null;
  if (!id) return { malformed: 'the event has no Stripe event id', id, type };
  if (!type) return { malformed: 'the event has no event type', id, type };
  if (type !== 'account.updated') return { ignored: type, id };
  const account = typeof payload.account === 'string' && ACCOUNT_ID.test(payload.account) ? payload.account : null;
  if (!account) return { malformed: 'the event names no connected account', id, type };
  const data = payload.data;
  const object = isRecord(data) && isRecord(data.object) ? data.object : null;
  if (!object || object.object !== 'account' || object.id !== account)
    return { malformed: 'the event data holds no account', id, type };
  return { accountUpdated: account, id };
}
