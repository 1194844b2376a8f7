import { DEFAULT_SCALES, describeScale, parseScales, planFor, type LoadReport, type PhaseResult } from './scales';

describe(parseScales.name, () => {
  it('runs 200, 1,000 and 2,000 sockets unless told otherwise', () => {
    expect(parseScales(undefined)).toEqual([200, 1_000, 2_000]);
    expect(parseScales(' ')).toBe(DEFAULT_SCALES);
    expect(parseScales('200, 4000')).toEqual([200, 4_000]);
  });

  it('refuses what is not an even socket count', () => {
    expect(() => parseScales('201')).toThrow(/BENCH_SOCKETS/);
    expect(() => parseScales('lots')).toThrow(/BENCH_SOCKETS/);
  });
});

describe(planFor.name, () => {
  it('keeps 200 sockets as the bench always measured them', () => {
    expect(planFor(200)).toMatchObject({ consultations: 100, pairs: 1, pingBurstRounds: 25, chatSteadyIntervalMs: 5_000, chatBurstSockets: 200, chatBurstRounds: 5 });
  });

  it('bounds the bursts and the chat rate at 2,000 sockets', () => {
    const plan = planFor(2_000);
    expect(plan).toMatchObject({ consultations: 1_000, pairs: 10, quietSockets: 400, pingBurstRounds: 3, chatBurstSockets: 1_000, chatBurstRounds: 1 });
    // 40 chat messages a second, as at 200 sockets.
    expect((plan.sockets / plan.chatSteadyIntervalMs) * 1_000).toBe(40);
  });
});

describe(describeScale.name, () => {
  it('prints each phase with what timed out or was refused', () => {
    const phase = (samples: number[], timedOut = 0, failed = 0): PhaseResult => ({ samples, timedOut, failed, failures: failed ? { SERVICE_UNAVAILABLE: failed } : {} });
    const report: LoadReport = {
      ok: true,
      connected: 198,
      seated: 198,
      seatingFailures: { 'operation has timed out': 1 },
      seatedMs: 4_200,
      phases: {
        pingQuiet: phase([1, 2, 3]),
        pingSteady: phase([2]),
        pingBurst: phase([5], 3, 1),
        chatQuiet: phase([]),
        chatSteady: phase([7]),
        chatBurst: phase([9]),
      },
    };
    const lines = describeScale(planFor(200), report);
    expect(lines[0]).toBe('200 sockets (100 consultations): 198 seated in 4.2 s, 198 still connected at the end; not seated: 1 rooms: operation has timed out');
    expect(lines[3]).toContain('(1 acks, 3 timed out, 1 refused (1 SERVICE_UNAVAILABLE))');
    expect(lines[4]).toContain('no acks');
    expect(lines[5]).toContain('steady 40/s');
  });
});
