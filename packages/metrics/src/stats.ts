/** A growable buffer of samples (dispatch waits, segment lengths), sorted only when read. */
export class SampleBuffer {
  private data = new Float64Array(64)
  private n = 0

  get length(): number { return this.n }

  push(x: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.n++] = x
  }

  /** The samples plus `extra`, ascending, in a fresh array (the buffer itself is left as is). */
  sorted(extra: ReadonlyArray<number> = []): Float64Array {
    const out = new Float64Array(this.n + extra.length)
    out.set(this.data.subarray(0, this.n))
    out.set(extra, this.n)
    return sortAscending(out)
  }

  static merge(buffers: ReadonlyArray<SampleBuffer>, extra: ReadonlyArray<number> = []): Float64Array {
    let n = extra.length
    for (const b of buffers) n += b.n
    const out = new Float64Array(n)
    let at = 0
    for (const b of buffers) { out.set(b.data.subarray(0, b.n), at); at += b.n }
    out.set(extra, at)
    return sortAscending(out)
  }
}

const insertionSort = (a: Float64Array, lo: number, hi: number): void => {
  for (let i = lo + 1; i <= hi; i++) {
    const x = a[i]!
    let j = i - 1
    while (j >= lo && a[j]! > x) { a[j + 1] = a[j]!; j-- }
    a[j + 1] = x
  }
}

/**
 * Sorts in place, ascending, without allocating: the built-in typed-array sort boxes every
 * element, which on millions of waits turns into seconds of garbage collection. Three-way
 * partitioning because dispatch waits repeat a lot (a free patrol is dispatched at once: 0).
 */
export const sortAscending = (a: Float64Array): Float64Array => {
  let lo = 0, hi = a.length - 1
  const stack: Array<number> = []
  for (;;) {
    while (hi - lo > 16) {
      const mid = (lo + hi) >>> 1
      const x = a[lo]!, y = a[mid]!, z = a[hi]!
      const pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z))
      // Dijkstra's partition: [lo, lt) < pivot, [lt, i) = pivot, (gt, hi] > pivot.
      let lt = lo, i = lo, gt = hi
      while (i <= gt) {
        const v = a[i]!
        if (v < pivot) { a[i] = a[lt]!; a[lt] = v; lt++; i++ }
        else if (v > pivot) { a[i] = a[gt]!; a[gt] = v; gt-- }
        else i++
      }
      // Loop on the larger side, defer the smaller: the stack stays logarithmic.
      if (lt - lo < hi - gt) { stack.push(gt + 1, hi); hi = lt - 1 }
      else { stack.push(lo, lt - 1); lo = gt + 1 }
    }
    insertionSort(a, lo, hi)
    if (stack.length === 0) return a
    hi = stack.pop()!
    lo = stack.pop()!
  }
}

/**
 * Nearest-rank percentile of ascending samples: the smallest observed value with at least
 * p·n samples at or below it (rank ⌈p·n⌉). Always an observed value; 0 for no samples.
 */
export const nearestRank = (sorted: Float64Array, p: number): number => {
  const n = sorted.length
  if (n === 0) return 0
  const rank = Math.min(n, Math.max(1, Math.ceil(p * n - 1e-9)))
  return sorted[rank - 1]!
}

export const ratio = (num: number, den: number, whenEmpty = 0): number => (den === 0 ? whenEmpty : num / den)

// Student t quantile, via the regularised incomplete beta function (Numerical Recipes' continued fraction).
const LANCZOS = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]

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
  let c = 1, d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny
    d = 1 / d; h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny
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
  let lo = 0, hi = 1
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
