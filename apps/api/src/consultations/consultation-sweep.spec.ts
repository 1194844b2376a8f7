import { ConsultationEvents } from './consultation-events';
import { ConsultationSweep } from './consultation-sweep';

describe(ConsultationSweep.name, () => {
  afterEach(() => jest.useRealTimers());

  const sweepWith = (seconds: number, closed: { consultation_id: string; clinic_id: string; status: string }[] = []) => {
    const queries: unknown[][] = [];
    const db = {
      run: async (_scope: unknown, work: (manager: unknown) => Promise<unknown>) =>
        work({ query: async (...args: unknown[]) => (queries.push(args), closed) }),
    };
    const audited: unknown[] = [];
    const audit = { record: async (event: unknown) => void audited.push(event) };
    const events = new ConsultationEvents();
    const sweep = new ConsultationSweep(db as never, audit as never, events, { CONSULTATION_SWEEP_SECONDS: seconds, CONSULTATION_JOIN_CLOSES_MINUTES: 30 } as never);
    return { sweep, queries, audited, events };
  };

  it('runs on its interval, asks the database with the configured window, and stops on shutdown', async () => {
    jest.useFakeTimers();
    const { sweep, queries } = sweepWith(60);
    sweep.onModuleInit();
    await jest.advanceTimersByTimeAsync(59_999);
    expect(queries).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(queries).toEqual([['SELECT * FROM consultations_close_lapsed($1::interval)', ['30 minutes']]]);
    await sweep.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(queries).toHaveLength(1);
  });

  it('does not run at all when switched off', async () => {
    jest.useFakeTimers();
    const { sweep, queries } = sweepWith(0);
    sweep.onModuleInit();
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(queries).toEqual([]);
  });

  it('audits each closed consultation for its clinic and tells the room', async () => {
    const { sweep, audited, events } = sweepWith(60, [{ consultation_id: 'c1', clinic_id: 'k1', status: 'no_show' }]);
    const lapsed: unknown[] = [];
    events.on('lapsed', (event) => lapsed.push(event));
    await expect(sweep.sweep()).resolves.toEqual([{ consultationId: 'c1', clinicId: 'k1', status: 'no_show' }]);
    expect(audited).toEqual([{ action: 'consultation.no_show', entityType: 'consultation', entityId: 'c1', outcome: 'success', clinicId: 'k1' }]);
    expect(lapsed).toEqual([{ consultationId: 'c1', status: 'no_show' }]);
  });
});
