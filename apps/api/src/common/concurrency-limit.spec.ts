import { ConcurrencyLimit } from './concurrency-limit';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(ConcurrencyLimit.name, () => {
  it('runs at most `limit` at once, the rest in the order they came, and passes results and errors through', async () => {
    const limit = new ConcurrencyLimit(2);
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const jobs = [0, 1, 2, 3].map((index) =>
      limit.run(async () => {
        started.push(index);
        await new Promise<void>((resolve) => (finish[index] = resolve));
        if (index === 2) throw new Error('job 2 failed');
        return index;
      }),
    );
    const outcomes = Promise.allSettled(jobs);
    await settle();
    expect(started).toEqual([0, 1]);
    finish[1]();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    finish[2]();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    finish[0]();
    finish[3]();
    expect(await outcomes).toEqual([
      { status: 'fulfilled', value: 0 },
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('job 2 failed') },
      { status: 'fulfilled', value: 3 },
    ]);
    // All turns given back: two more start at once.
    const both = [limit.run(async () => 'a'), limit.run(async () => 'b')];
    expect(await Promise.all(both)).toEqual(['a', 'b']);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(/positive integer/);
    expect(() => new ConcurrencyLimit(1.5)).toThrow(/positive integer/);
  });
});
