import type { ArgumentMetadata } from '@nestjs/common';
import { CreateBookingRequest, ErrorCode } from '@vetmeet/contracts';
import { AppError } from './errors/app-error';
import { createValidationPipe } from './validation';

describe(createValidationPipe.name, () => {
  const pipe = createValidationPipe();
  const body: ArgumentMetadata = { type: 'body', metatype: CreateBookingRequest };
  const booking = {
    consultantId: '6f1d2c4e-8a3b-4c5d-9e6f-7a8b9c0d1e2f',
    petId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
    startsAt: '2026-12-10T16:00:00Z',
    durationMinutes: 30,
    reason: 'Limping',
  };
  const refusal = async (value: unknown, metadata: ArgumentMetadata = body) => {
    const error: unknown = await pipe.transform(value, metadata).then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.ValidationFailed);
    return (error as AppError).details;
  };

  it('passes a good body through as its DTO', async () => {
    await expect(pipe.transform(booking, body)).resolves.toBeInstanceOf(CreateBookingRequest);
  });

  it('answers VALIDATION_FAILED to a body nested 40,000 deep instead of overflowing class-transformer', async () => {
    const deepObject: unknown = JSON.parse(`${'{"a":'.repeat(40_000)}1${'}'.repeat(40_000)}`);
    const deepArray: unknown = JSON.parse(`${'['.repeat(40_000)}${']'.repeat(40_000)}`);
    const refused = await refusal({ ...booking, reason: deepObject });
    expect(refused).toEqual([expect.stringMatching(/^reason(\.a)+: nested deeper/)]);
    expect(await refusal(deepArray)).toEqual([expect.stringMatching(/^0(\.0)+: nested deeper than 32 levels$/)]);
  });

  it('refuses NUL and lone surrogates in bodies, queries and params, DTO or not', async () => {
    expect(await refusal({ ...booking, reason: 'a\u0000b' })).toEqual(['reason: must not contain a NUL character']);
    const loneSurrogate = await refusal({ cursor: '\ud800' }, { type: 'query' });
    expect(loneSurrogate).toEqual([expect.stringMatching(/^cursor: must be well-formed/)]);
    const param: ArgumentMetadata = { type: 'param', data: 'token', metatype: String };
    expect(await refusal('\u0000', param)).toEqual(['token: must not contain a NUL character']);
  });

  it('leaves custom parameters (the actor, headers) alone', async () => {
    const actor = { userId: '\u0000' };
    await expect(pipe.transform(actor, { type: 'custom' })).resolves.toBe(actor);
  });

  const unreadable = ['2026-W50-3', '20261210T160000Z', '2026-12-10T16:00:00,5Z', '2026-344'];
  it.each(unreadable)('refuses %p as startsAt', async (startsAt) => {
    const refused = await refusal({ ...booking, startsAt });
    expect(refused).toEqual([expect.stringMatching(/^startsAt: startsAt must be a timestamp/)]);
  });
});
