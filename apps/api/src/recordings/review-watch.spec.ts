import { ReviewWatch } from './review-watch';

const reviewer = { userId: 'u', sessionId: 's', clinicId: 'c', roles: ['support' as const] };

/** A watch over a database whose answers to "is the review still allowed?" the test gives, one per check. */
function watchWith(answers: (boolean | Error)[]) {
  const asked: string[] = [];
  const db = {
    runAs: async (_actor: unknown, work: (manager: unknown) => Promise<boolean>) => work({}),
  };
  const recordings = {
    reviewAllowed: async (_manager: unknown, recordingId: string) => {
      asked.push(recordingId);
      const answer = answers.shift() ?? true;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { watch: new ReviewWatch(db as never, recordings as never), asked };
}

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

describe(ReviewWatch.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('cuts the playback at the first check that says no, and checks no more', async () => {
    const { watch, asked } = watchWith([true, false]);
    const cut = jest.fn();
    watch.whileStreaming(reviewer, 'r1', cut, 1000);
    jest.advanceTimersByTime(1000);
    await settle();
    expect(cut).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1000);
    await settle();
    expect(cut).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(5000);
    await settle();
    expect(asked).toEqual(['r1', 'r1']);
  });

  it('fails closed: a check that cannot be made cuts the playback', async () => {
    const { watch } = watchWith([new Error('database down')]);
    const cut = jest.fn();
    watch.whileStreaming(reviewer, 'r1', cut, 1000);
    jest.advanceTimersByTime(1000);
    await settle();
    expect(cut).toHaveBeenCalledTimes(1);
  });

  it('stops checking once the response is over', async () => {
    const { watch, asked } = watchWith([]);
    const stop = watch.whileStreaming(reviewer, 'r1', jest.fn(), 1000);
    stop();
    jest.advanceTimersByTime(5000);
    await settle();
    expect(asked).toEqual([]);
  });
});
