/*
 * Reed-Solomon error correction over GF(2^8) with the QR code's field polynomial
 * (x^8 + x^4 + x^3 + x^2 + 1, 0x11D) and generator roots 2^0, 2^1, ….
 */

function multiply(x: number, y: number): number {
  let product = 0;
  for (let bit = 7; bit >= 0; bit -= 1) {
    product = (product << 1) ^ ((product >>> 7) * 0x11d);
    product ^= ((y >>> bit) & 1) * x;
  }
  return product;
}

/** The generator polynomial of the given degree, highest coefficient first, its leading 1 left out. */
export function reedSolomonDivisor(degree: number): number[] {
  const divisor = new Array<number>(degree).fill(0);
  divisor[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i += 1) {
    for (let j = 0; j < divisor.length; j += 1) {
      divisor[j] = multiply(divisor[j], root);
      if (j + 1 < divisor.length) divisor[j] ^= divisor[j + 1];
    }
    root = multiply(root, 0x02);
  }
  return divisor;
}

/** The error correction codewords for one block of data codewords. */
export function reedSolomonRemainder(data: readonly number[], divisor: readonly number[]): number[] {
  const remainder = divisor.map(() => 0);
  for (const byte of data) {
    const factor = byte ^ (remainder.shift() ?? 0);
    remainder.push(0);
    divisor.forEach((coefficient, i) => {
      remainder[i] ^= multiply(coefficient, factor);
    });
  }
  return remainder;
}
