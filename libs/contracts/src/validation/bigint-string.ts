import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';

/** The largest value of PostgreSQL's bigint (2^63 - 1): a JavaScript number cannot hold it exactly. */
export const BIGINT_MAX = '9223372036854775807';

/** Whether the value is a decimal integer from 1 to BIGINT_MAX, written without sign or leading zeros. */
export function isPositiveBigintString(value: string): boolean {
  if (!/^[1-9]\d{0,18}$/.test(value)) return false;
  // Equal-length digit strings compare like the numbers they spell.
  return value.length < BIGINT_MAX.length || value <= BIGINT_MAX;
}

/**
 * A bigint key (a sequence number or cursor) as a decimal string, kept as text end to end: as a
 * number, 2^53 and up lose digits and 2^63 and up overflow the column.
 */
export function IsPositiveBigintString(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPositiveBigintString',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isPositiveBigintString(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a whole number from 1 to ${BIGINT_MAX}`,
          options,
        ),
      },
    },
    options,
  );
}
