import { formatCost, overall, perConsultation, recordingCost, summary } from './report';
import type { StepRow, WindowReading } from './report';

/** The arithmetic `npm run bench:recording` reports rests on (the bench itself is not part of npm test). */

const reading = (worker: number, node: number, muxers: number): WindowReading => ({
  seconds: 10,
  workerCpuPercent: worker,
  nodeCpuPercent: node,
  nodeSystemCpuPercent: 0,
  muxerCpuPercent: muxers,
  storageBytesPerSecond: 0,
  loss: 0,
  othersPercent: [0, 0],
});

const step = (consultations: number, plain: WindowReading, recorded: WindowReading): StepRow => ({
  consultations,
  tracks: consultations * 4,
  startBlockMs: 0,
  plain,
  recorded,
});

describe('bench:recording arithmetic', () => {
  it("counts the worker's and Node's extra over the unrecorded window, and all of the muxers", () => {
    const row = step(2, reading(4, 0.5, 0), reading(4.6, 1.3, 2.4));
    const cost = recordingCost(row);
    expect(cost.worker).toBeCloseTo(0.6);
    expect(cost.node).toBeCloseTo(0.8);
    expect(cost.muxers).toBeCloseTo(2.4);
    expect(cost.total).toBeCloseTo(3.8);
    expect(perConsultation(row).total).toBeCloseTo(1.9);
  });

  it('weighs larger steps more: summed extra over summed consultations', () => {
    const rows = [step(1, reading(2, 0.5, 0), reading(2, 0.5, 4)), step(3, reading(6, 0.5, 0), reading(6, 0.5, 3))];
    expect(overall(rows).total).toBeCloseTo(7 / 4);
  });

  it('says whether the 2% goal is met', () => {
    expect(formatCost({ worker: 0.5, muxers: 1, node: 0.4, total: 1.9 })).toMatch(/goal <= 2%: met$/);
    expect(formatCost({ worker: 0.5, muxers: 1.2, node: 0.4, total: 2.1 })).toMatch(/goal <= 2%: NOT met$/);
  });

  it('says when other work on the machine made a window noisy', () => {
    const quiet = step(1, reading(2, 0.5, 0), reading(2.3, 0.9, 1));
    const busy = { ...quiet, recorded: { ...quiet.recorded, othersPercent: [3, 40] } };
    expect(summary([quiet]).join('\n')).not.toMatch(/noisy/);
    expect(summary([quiet, busy]).join('\n')).toMatch(/noisy/);
  });
});
