import { ErrorCode } from '@vetmeet/contracts';
import { RoomSeats } from './room-seats';

const OWNER = { userId: 'owner', displayName: 'Olena', role: 'owner' as const };
const VET = { userId: 'vet', displayName: 'Dr Vet', role: 'consultant' as const };
const presenceOf = (seats: RoomSeats, userId: string) => seats.participants().find((p) => p.userId === userId)?.presence;

describe(RoomSeats.name, () => {
  it('puts the owner in the waiting room until the consultant admits them', () => {
    const seats = new RoomSeats([OWNER, VET], false);
    seats.arrive('owner', 's1');
    expect(presenceOf(seats, 'owner')).toBe('waiting');
    seats.arrive('vet', 's2');
    expect(presenceOf(seats, 'vet')).toBe('in_call');
    seats.admit('vet', 'owner');
    expect(presenceOf(seats, 'owner')).toBe('in_call');
    expect(seats.inCall().map((seat) => seat.userId).sort()).toEqual(['owner', 'vet']);
  });

  it('lets only the consultant admit and lock', () => {
    const seats = new RoomSeats([OWNER, VET], false);
    expect(() => seats.admit('owner', 'owner')).toThrow(expect.objectContaining({ code: ErrorCode.Forbidden }));
    expect(() => seats.setLocked('owner', true)).toThrow(expect.objectContaining({ code: ErrorCode.Forbidden }));
  });

  it('refuses a locked room to someone without a place, but not to the admitted coming back', () => {
    const seats = new RoomSeats([OWNER, VET], true);
    expect(() => seats.arrive('owner', 's1')).toThrow(expect.objectContaining({ code: ErrorCode.RoomLocked }));
    seats.arrive('vet', 's2');
    seats.setLocked('vet', false);
    seats.arrive('owner', 's3');
    seats.admit('vet', 'owner');
    seats.setLocked('vet', true);
    seats.drop('s3');
    expect(presenceOf(seats, 'owner')).toBe('reconnecting');
    expect(seats.arrive('owner', 's4').seat.admitted).toBe(true);
  });

  it('reports the socket a second tab replaces, and forgets a socket that already left', () => {
    const seats = new RoomSeats([OWNER, VET], false);
    seats.arrive('vet', 'tab1');
    expect(seats.arrive('vet', 'tab2').replacedSocketId).toBe('tab1');
    expect(seats.drop('tab1')).toBeUndefined();
    seats.leave('vet');
    expect(presenceOf(seats, 'vet')).toBe('absent');
    expect(seats.isEmpty).toBe(true);
  });

  it('answers NOT_FOUND for someone who is not a participant', () => {
    const seats = new RoomSeats([OWNER, VET], false);
    expect(() => seats.arrive('stranger', 's')).toThrow(expect.objectContaining({ code: ErrorCode.NotFound }));
  });
});
