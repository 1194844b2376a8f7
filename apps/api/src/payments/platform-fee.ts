/**
 * The platform's fee on a charge of `amount` minor units at `percent` (0 to 100, at most two
 * decimals, as PLATFORM_FEE_PERCENT is validated): amount × percent / 100, rounded to the nearest
 * minor unit with halves up. Worked in integers (the percent in hundredths), so no binary fraction
 * tips a half the wrong way; never more than the amount.
 */
export function platformFee(amount: number, percent: number): number {
  const hundredths = Math.round(percent * 100);
  return Math.min(amount, Math.floor((amount * hundredths + 5_000) / 10_000));
}
