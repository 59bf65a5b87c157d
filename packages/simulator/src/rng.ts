/**
 * Seeded, splittable randomness. Every stream is derived by hashing a key such as
 * "1|7|lpo1|2|arrivals", so a stream depends only on its own key: changing one area's demand
 * or one rule leaves every other stream's draws identical (common random numbers).
 */

/** cyrb128: a string to four well-mixed 32-bit words. */
const hash128 = (key: string): [number, number, number, number] => {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  h1 ^= h2 ^ h3 ^ h4
  h2 ^= h1
  h3 ^= h1
  h4 ^= h1
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

const TWO_POW_32 = 4294967296

/** xoshiro128** over one derived stream. */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(key: string) {
    const [a, b, c, d] = hash128(key)
    this.a = a
    this.b = b
    this.c = c
    this.d = d
    if ((a | b | c | d) === 0) this.a = 1
    for (let i = 0; i < 8; i++) this.nextU32()
  }

  nextU32(): number {
    const b = this.b
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0
    const t = b << 9
    this.c ^= this.a
    this.d ^= this.b
    this.b ^= this.c
    this.a ^= this.d
    this.c ^= t
    this.d = rotl(this.d, 11)
    return result
  }

  /** Uniform on the open interval (0, 1): safe for logarithms and inverse CDFs. */
  uniform(): number {
    return (this.nextU32() + 0.5) / TWO_POW_32
  }
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k))

/** The key of a stream: the replication's seeds, then what the stream is for. */
export const streamKey = (scenarioSeed: number, seed: number, ...parts: ReadonlyArray<string | number>): string =>
  `${scenarioSeed}|${seed}|${parts.join("|")}`

// Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9).
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239
] as const
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1
] as const
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783
] as const
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const
const P_LOW = 0.02425

/** The standard normal quantile of p in (0, 1): one uniform per normal draw keeps streams aligned. */
export const normalQuantile = (p: number): number => {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
    )
  }
  if (p <= 1 - P_LOW) {
    const q = p - 0.5
    const r = q * q
    return (
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
    )
  }
  const q = Math.sqrt(-2 * Math.log(1 - p))
  return (
    -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
    ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
  )
}
