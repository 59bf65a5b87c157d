/**
 * A growable buffer of samples (dispatch waits, segment lengths), the non-zero ones in the order they came and the
 * zeros (+0) only counted: most dispatch waits are 0 (a free patrol is sent at once), and a zero adds nothing to a
 * sum and needs no selecting.
 */
export class SampleBuffer {
  private data = new Float64Array(64)
  private n = 0
  private zeros = 0
  /** Values that sort before the zeros: negative ones, and -0. */
  private belowZero = 0

  get length(): number {
    return this.n + this.zeros
  }

  push(x: number): void {
    if (Object.is(x, 0)) {
      this.zeros++
      return
    }
    if (x <= 0) this.belowZero++
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.n++] = x
  }

  /** The samples of all buffers, then `extra`, in that order: the non-zero ones in a fresh array, the zeros counted. */
  static gather(buffers: ReadonlyArray<SampleBuffer>, extra: ReadonlyArray<number> = []): Samples {
    let n = 0,
      zeros = 0,
      belowZero = 0
    for (const b of buffers) {
      n += b.n
      zeros += b.zeros
      belowZero += b.belowZero
    }
    for (const x of extra) {
      if (Object.is(x, 0)) zeros++
      else {
        n++
        if (x <= 0) belowZero++
      }
    }
    const values = new Float64Array(n)
    let at = 0
    for (const b of buffers) {
      values.set(b.data.subarray(0, b.n), at)
      at += b.n
    }
    for (const x of extra) if (!Object.is(x, 0)) values[at++] = x
    return { values, zeros, belowZero }
  }
}

/** Samples gathered: all but the zeros in the order they came (selection may reorder them), and how many zeros. */
export interface Samples {
  readonly values: Float64Array
  readonly zeros: number
  /** How many of the values sort before the zeros (negative ones, and -0). */
  readonly belowZero: number
}

/** The 1-based nearest rank of percentile p among n samples: ⌈p·n⌉, at least 1. */
const rankOf = (n: number, p: number): number => Math.min(n, Math.max(1, Math.ceil(p * n - 1e-9)))

/**
 * Nearest-rank percentile of ascending samples: the smallest observed value with at least
 * p·n samples at or below it (rank ⌈p·n⌉). Always an observed value; 0 for no samples.
 */
export const nearestRank = (sorted: Float64Array, p: number): number =>
  sorted.length === 0 ? 0 : sorted[rankOf(sorted.length, p) - 1]!

/**
 * Puts the k-th smallest of a[lo..hi] at a[k], smaller or equal values before it and larger or equal after: Floyd and
 * Rivest's selection, which first selects within a small sample around where the k-th is expected to lie, so that
 * a range is partitioned about once (about n + min(k, n − k) comparisons where quickselect makes 2–3 n).
 */
const selectInPlace = (a: Float64Array, lo: number, hi: number, k: number): void => {
  while (hi > lo) {
    if (hi - lo > 600) {
      const n = hi - lo + 1,
        m = k - lo + 1,
        z = Math.log(n),
        s = 0.5 * Math.exp((2 * z) / 3),
        sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1)
      selectInPlace(
        a,
        Math.max(lo, Math.floor(k - (m * s) / n + sd)),
        Math.min(hi, Math.floor(k + ((n - m) * s) / n + sd)),
        k
      )
    }
    const pivot = a[k]!
    let i = lo,
      j = hi
    swap(a, lo, k)
    if (a[hi]! > pivot) swap(a, lo, hi)
    while (i < j) {
      swap(a, i, j)
      i++
      j--
      while (a[i]! < pivot) i++
      while (a[j]! > pivot) j--
    }
    if (a[lo] === pivot) swap(a, lo, j)
    else swap(a, ++j, hi)
    if (j <= k) lo = j + 1
    if (k <= j) hi = j - 1
  }
}

const swap = (a: Float64Array, i: number, j: number): void => {
  const x = a[i]!
  a[i] = a[j]!
  a[j] = x
}

/**
 * Nearest-rank percentiles (as `nearestRank`) of gathered samples, for ascending `ps`, without sorting them: a rank
 * that falls on the counted zeros (after the values below zero, before the others) is 0 without selecting; every
 * other rank is selected in place among the values, each sought only to the right of the last. Linear time on
 * average where a sort is n log n; reorders the values. 0 for no samples.
 */
export const nearestRanks = ({ values, zeros, belowZero }: Samples, ps: ReadonlyArray<number>): Array<number> => {
  const n = values.length + zeros
  let lastRank = 0,
    from = 0
  return ps.map((p) => {
    if (n === 0) return 0
    const rank = rankOf(n, p) - 1
    if (rank < lastRank) throw new RangeError(`percentiles must be asked in ascending order, got ${ps.join(", ")}`)
    lastRank = rank
    if (rank >= belowZero && rank < belowZero + zeros) return 0
    const k = rank < belowZero ? rank : rank - zeros
    selectInPlace(values, from, values.length - 1, k)
    from = k
    return values[k]!
  })
}

export const ratio = (num: number, den: number, whenEmpty = 0): number => (den === 0 ? whenEmpty : num / den)

// Student t quantile, via the regularised incomplete beta function (Numerical Recipes' continued fraction).
const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
]

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~15 significant digits). */
export const logGamma = (x: number): number => {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let a = 0.99999999999980993
  const t = z + 7.5
  for (let i = 0; i < 8; i++) a += LANCZOS[i]! / (z + i + 1)
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

const betaContinuedFraction = (a: number, b: number, x: number): number => {
  const tiny = 1e-300
  let c = 1,
    d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < 1e-15) break
  }
  return h
}

const incompleteBeta = (a: number, b: number, x: number): number => {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export const studentTCdf = (t: number, df: number): number => {
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t))
  return t >= 0 ? 1 - tail : tail
}

const quantileCache = new Map<number, number>()

/** The p-quantile of Student's t (bisection on the CDF). */
export const studentTQuantile = (p: number, df: number): number => {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`)
  if (!(df > 0)) throw new RangeError(`df must be positive, got ${df}`)
  if (p < 0.5) return -studentTQuantile(1 - p, df)
  let lo = 0,
    hi = 1
  while (studentTCdf(hi, df) < p) hi *= 2
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2
    if (studentTCdf(mid, df) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** The t value with P(T ≤ t) = 0.975, for a two-sided 95 % interval. */
export const studentT975 = (df: number): number => {
  let q = quantileCache.get(df)
  if (q === undefined) {
    q = studentTQuantile(0.975, df)
    quantileCache.set(df, q)
  }
  return q
}

/** Mean and 95 % confidence half-width (Student t, n − 1 df); the half-width is 0 below two samples. */
export const meanAndHalfWidth = (xs: ReadonlyArray<number>): { mean: number; halfWidth: number } => {
  const n = xs.length
  if (n === 0) return { mean: 0, halfWidth: 0 }
  let sum = 0
  for (const x of xs) sum += x
  const mean = sum / n
  if (n < 2) return { mean, halfWidth: 0 }
  let ss = 0
  for (const x of xs) ss += (x - mean) * (x - mean)
  const sd = Math.sqrt(ss / (n - 1))
  return { mean, halfWidth: (studentT975(n - 1) * sd) / Math.sqrt(n) }
}
