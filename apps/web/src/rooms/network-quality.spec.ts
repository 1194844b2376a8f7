import { FAIR_SCORE, GOOD_SCORE, networkQualityOf, qualityLabels, type NetworkQuality } from './network-quality';

describe(networkQualityOf.name, () => {
  it('says nothing until the SFU has scored a stream', () => {
    expect(networkQualityOf([])).toEqual({ quality: 'unknown', score: null });
  });

  it.each<[number, NetworkQuality]>([
    [10, 'good'],
    [GOOD_SCORE, 'good'],
    [GOOD_SCORE - 1, 'fair'],
    [FAIR_SCORE, 'fair'],
    [FAIR_SCORE - 1, 'poor'],
    [0, 'poor'],
  ])('rates a stream scored %i as %s', (score, quality) => {
    expect(networkQualityOf([score])).toEqual({ quality, score });
  });

  it('is as good as the worst stream, sent or received', () => {
    expect(networkQualityOf([10, 9, 3, 10])).toEqual({ quality: 'poor', score: 3 });
    expect(networkQualityOf([10, 5, 8])).toEqual({ quality: 'fair', score: 5 });
  });

  it('reads any iterable, once', () => {
    function* scores() {
      yield 8;
      yield 6;
    }
    expect(networkQualityOf(scores())).toEqual({ quality: 'fair', score: 6 });
    expect(networkQualityOf(new Map([['consumer', 9]]).values())).toEqual({ quality: 'good', score: 9 });
  });

  it('has a label for every rating', () => {
    expect(qualityLabels).toEqual({ unknown: 'Measuring', good: 'Good', fair: 'Fair', poor: 'Poor' });
  });
});
