/**
 * Go's math.Pow for integral exponents (sprig's round computes 10^places with it). Go multiplies successive
 * squarings of the mantissa and scales once at the end, so its results can differ from JavaScript's `**` in
 * the last bit; this follows Go's steps.
 */

const view = new DataView(new ArrayBuffer(8));

/** math.Frexp: f = frac * 2^exp with |frac| in [0.5, 1). */
function frexp(f: number): [number, number] {
  if (f === 0 || !Number.isFinite(f)) return [f, 0];
  let exp = 0;
  let x = f;
  if (Math.abs(x) < 2 ** -1022) {
    x *= 2 ** 52;
    exp = -52;
  }
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  exp += ((hi >>> 20) & 0x7ff) - 1022;
  view.setUint32(0, (hi & 0x800fffff) | (1022 << 20));
  return [view.getFloat64(0), exp];
}

/** math.Ldexp: frac * 2^exp, rounded once. */
function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  const [f, e] = frexp(frac);
  const total = e + exp;
  if (total < -1074) return f < 0 ? -0 : 0;
  if (total > 1023) return f * 2 ** 1023 * 2 ** Math.min(total - 1023, 2000);
  if (total >= -1021) return f * 2 ** total;
  return f * 2 ** (total + 53) * 2 ** -53;
}

/** math.Pow(x, y) where y is an integer (a float64 with no fraction). */
export function powInt(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) return powOfZero(x, y);
  if (!Number.isFinite(y)) return x === -1 ? 1 : Math.abs(x) < 1 === y > 0 ? 0 : Infinity;
  if (!Number.isFinite(x)) {
    if (x < 0) return powInt(1 / x, -y);
    return y < 0 ? 0 : Infinity;
  }
  const yi = Math.abs(y);
  if (yi >= 2 ** 63) return x === -1 ? 1 : Math.abs(x) < 1 === y > 0 ? 0 : Infinity;
  let a1 = 1;
  let ae = 0;
  let [x1, xe] = frexp(x);
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

function powOfZero(x: number, y: number): number {
  const odd = Number.isInteger(y) && Math.abs(y) % 2 === 1;
  if (y < 0) return odd ? (Object.is(x, -0) ? -Infinity : Infinity) : Infinity;
  return odd ? x : 0;
}
