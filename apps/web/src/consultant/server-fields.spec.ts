import { ErrorCode } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { bracketIndexes, withFormFieldNames } from './server-fields';

describe(withFormFieldNames.name, () => {
  it('renames the fields the form has, in either way the server numbers list entries', () => {
    const error = new ApiError(ErrorCode.ValidationFailed, 'bad', 400, ['weeklyRules.3.end: end must be HH:MM', 'weeklyRules[1].end: must be after start', 'other: nope', 'no separator'], 'req');
    const renamed = withFormFieldNames(error, (field) => ({ 'weeklyRules[3].end': 'a', 'weeklyRules[1].end': 'b' })[field]) as ApiError;
    expect(renamed.details).toEqual(['a: end must be HH:MM', 'b: must be after start', 'other: nope', 'no separator']);
    expect(renamed.fieldProblems()).toEqual({ a: 'end must be HH:MM', b: 'must be after start', other: 'nope' });
    expect([renamed.code, renamed.status, renamed.requestId]).toEqual([ErrorCode.ValidationFailed, 400, 'req']);
  });

  it('leaves anything else alone', () => {
    const failure = new Error('boom');
    expect(withFormFieldNames(failure, () => 'x')).toBe(failure);
  });
});

describe(bracketIndexes.name, () => {
  it('writes list indexes in brackets', () => {
    expect(bracketIndexes('dateOverrides.2.intervals.0.start')).toBe('dateOverrides[2].intervals[0].start');
    expect(bracketIndexes('offerings.1')).toBe('offerings[1]');
    expect(bracketIndexes('horizonDays')).toBe('horizonDays');
  });
});
