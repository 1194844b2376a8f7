import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';
import { ClinicSuspension } from './clinic-suspension';

const CLINIC = '00000000-0000-4000-8000-0000000000c1';
const work = (id: string) => ({ booking_id: id, clinic_id: CLINIC, consultant_id: 'vet', status: 'confirmed' as const });

describe(ClinicSuspension.name, () => {
  /**
   * The pass over fakes: the work set is what clinic_suspension_work answers; cancelling 'done-*'
   * takes it out of the set, while 'stuck' stays in it and is refused BOOKING_STATE (a confirmed
   * booking whose consultation can no longer be cancelled), as the bookings service does.
   */
  function suspensionOver(ids: string[]) {
    const remaining = new Set(ids);
    const cancelled: string[] = [];
    let queries = 0;
    const manager = {
      query: async (_sql: string, [limit]: [number]) => {
        // A pass that keeps asking for the same stuck booking would never end: fail instead of hanging.
        if ((queries += 1) > 20) throw new Error('the pass keeps asking for the same bookings');
        return [...remaining].slice(0, limit).map(work);
      },
    };
    const db = { run: async (_actor: unknown, task: (m: unknown) => Promise<unknown>) => task(manager) };
    const bookings = {
      cancel: async (_consultant: unknown, bookingId: string) => {
        cancelled.push(bookingId);
        if (bookingId === 'stuck') throw new AppError(ErrorCode.BookingState);
        remaining.delete(bookingId);
      },
    };
    const config = { BOOKING_SWEEP_SECONDS: 0 };
    const suspension = new ClinicSuspension(db as never, bookings as never, {} as never, config as never);
    return { suspension, cancelled };
  }

  it('tries each booking once per pass, and ends though one of them stays refused', async () => {
    const { suspension, cancelled } = suspensionOver(['done-1', 'stuck', 'done-2']);
    await suspension.pass();
    expect(cancelled.sort()).toEqual(['done-1', 'done-2', 'stuck']);
  });
});
