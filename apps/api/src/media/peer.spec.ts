import { ErrorCode } from '@vetmeet/contracts';
import { Peer } from './peer';

describe(Peer.name, () => {
  it('answers NOT_FOUND for a transport or consumer it does not own', () => {
    const peer = new Peer('socket-1');
    expect(() => peer.transport('b6a4f8a2-0000-4000-8000-000000000000')).toThrow(expect.objectContaining({ code: ErrorCode.NotFound }));
    expect(() => peer.consumer('b6a4f8a2-0000-4000-8000-000000000000')).toThrow(expect.objectContaining({ code: ErrorCode.NotFound }));
  });
});
