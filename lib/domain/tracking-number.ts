/**
 * Tracking numbers: what a citizen keeps to follow a report, e.g. `TET-7KQ2-M9XD-4`.
 *
 * - 8 symbols of Crockford base32 carry 40 random bits: unguessable, short enough to read over
 *   the phone, with no I, L, O or U to confuse.
 * - A 9th symbol is a check over GF(32): symbol i is weighted by α^(i+1) (α a root of the
 *   primitive polynomial x⁵ + x² + 1) and the check makes the weighted sum zero. All weights are
 *   distinct and non-zero, so every single-symbol typo and every swap of two adjacent symbols
 *   (check symbol included) changes the sum and is caught.
 * - Typed in any case, with or without dashes or spaces; I and L read as 1, O as 0.
 */

export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const DATA_SYMBOLS = 8;
const PRIMITIVE_POLYNOMIAL = 0b100101; // x^5 + x^2 + 1

/** Multiplication in GF(2^5). */
function gfMultiply(a: number, b: number): number {
  let product = 0;
  let x = a;
  let y = b;
  while (y > 0) {
    if (y & 1) product ^= x;
    y >>= 1;
    x <<= 1;
    if (x & 0b100000) x ^= PRIMITIVE_POLYNOMIAL;
  }
  return product;
}

/** α^1 … α^8 (α = 2, the class of x). */
const WEIGHTS: number[] = (() => {
  const weights: number[] = [];
  let power = 1;
  for (let i = 0; i < DATA_SYMBOLS; i++) {
    power = gfMultiply(power, 2);
    weights.push(power);
  }
  return weights;
})();

/** The check symbol value of 8 data symbol values (each 0–31). */
export function checkValue(values: number[]): number {
  // Sum (XOR) of weighted symbols; the check has weight α^0 = 1 and cancels it.
  return values.reduce((sum, value, i) => sum ^ gfMultiply(WEIGHTS[i], value), 0);
}

function format(prefix: string, symbols: string): string {
  return `${prefix}-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

/**
 * A new tracking number from 5 random bytes (40 bits). The random source is a parameter so tests
 * and the demo seed are deterministic; production passes `crypto.randomBytes`.
 */
export function generateTrackingNumber(prefix: string, randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(5);
  if (bytes.length < 5) throw new Error("generateTrackingNumber needs 5 random bytes");
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(bytes[i]);
  const values: number[] = [];
  for (let i = DATA_SYMBOLS - 1; i >= 0; i--) values.push(Number((bits >> BigInt(i * 5)) & 31n));
  const symbols = values.map((v) => CROCKFORD_ALPHABET[v]).join("") + CROCKFORD_ALPHABET[checkValue(values)];
  return format(prefix, symbols);
}

export type TrackingNumberParse = { ok: true; trackingNumber: string } | { ok: false; error: "tracking.format" | "tracking.checksum" };

/**
 * Reads what a citizen typed: `tet7kq2m9xd4`, `TET-7KQ2-M9XD-4` and `7kq2 m9xd 4` are the same
 * number. Says whether it is malformed or whether the check symbol shows a typo.
 */
export function parseTrackingNumber(input: string, prefix: string): TrackingNumberParse {
  let compact = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_.]/g, "");
  const upperPrefix = prefix.toUpperCase();
  if (compact.startsWith(upperPrefix)) compact = compact.slice(upperPrefix.length);
  compact = compact.replace(/[IL]/g, "1").replace(/O/g, "0");
  if (compact.length !== DATA_SYMBOLS + 1) return { ok: false, error: "tracking.format" };
  const values = [...compact].map((ch) => CROCKFORD_ALPHABET.indexOf(ch));
  if (values.some((v) => v < 0)) return { ok: false, error: "tracking.format" };
  const data = values.slice(0, DATA_SYMBOLS);
  if (checkValue(data) !== values[DATA_SYMBOLS]) return { ok: false, error: "tracking.checksum" };
  return { ok: true, trackingNumber: format(upperPrefix, compact) };
}
