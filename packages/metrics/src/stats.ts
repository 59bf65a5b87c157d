/**
 * A growable buffer of samples (dispatch waits, segment lengths). Read ascending: sorted in place
 * when first read and kept so until the next push, so a report's areas and its total sort each
 * sample once; the total merges the areas' sorted runs.
 */
export class SampleBuffer {
  private data = new Float64Array(64)
  private n = 0
  private isAscending = true

  get length(): number {
    return this.n
  }

  push(x: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.n++] = x
    this.isAscending = false
  }

  /** The samples, ascending: a view of the buffer, valid until the next push. */
  ascending(): Float64Array {
    const samples = this.data.subarray(0, this.n)
    if (!this.isAscending) {
      sortAscending(samples)
      this.isAscending = true
    }
    return samples
  }

  /** The samples of all buffers plus `extra`, ascending, in a fresh array: the same array as sorting them together. */
  static merge(buffers: ReadonlyArray<SampleBuffer>, extra: ReadonlyArray<number> = []): Float64Array {
    return mergeAscending([...buffers.map((b) => b.ascending()), sortAscending(Float64Array.from(extra))])
  }
}

/** Merges the ascending runs from[lo, mid) and from[mid, hi) into to[lo, hi). */
const mergeRuns = (from: Float64Array, to: Float64Array, lo: number, mid: number, hi: number): void => {
  let i = lo,
    j = mid,
    k = lo
  while (i < mid && j < hi) to[k++] = from[j]! < from[i]! ? from[j++]! : from[i++]!
  while (i < mid) to[k++] = from[i++]!
  while (j < hi) to[k++] = from[j++]!
}

/**
 * Ascending arrays merged into one fresh ascending array, pairwise in rounds between two buffers:
 * O(n log k) for k arrays instead of sorting all n again.
 */
export const mergeAscending = (runs: ReadonlyArray<Float64Array>): Float64Array => {
  let n = 0
  for (const r of runs) n += r.length
  let from = new Float64Array(n)
  /** Where each run begins in `from`; a run ends where the next begins (the last at n). */
  let starts: Array<number> = []
  let at = 0
  for (const r of runs) {
    if (r.length === 0) continue
    starts.push(at)
    from.set(r, at)
    at += r.length
  }
  if (starts.length < 2) return from
  let to = new Float64Array(n)
  while (starts.length > 1) {
    const merged: Array<number> = []
    for (let i = 0; i < starts.length; i += 2) {
      // An odd run out is copied as it is (its second half is empty).
      mergeRuns(from, to, starts[i]!, starts[i + 1] ?? n, starts[i + 2] ?? n)
      merged.push(starts[i]!)
    }
    starts = merged
    const swap = from
    from = to
    to = swap
  }
  return from
}

const insertionSort = (a: Float64Array, lo: number, hi: number): void => {
  for (let i = lo + 1; i <= hi; i++) {
    const x = a[i]!
    let j = i - 1
    while (j >= lo && a[j]! > x) {
      a[j + 1] = a[j]!
      j--
    }
    a[j + 1] = x
  }
}

/**
 * Sorts in place, ascending, without allocating: the built-in typed-array sort boxes every
 * element, which on millions of waits turns into seconds of garbage collection. Three-way
 * partitioning because dispatch waits repeat a lot (a free patrol is dispatched at once: 0).
 */
export const sortAscending = (a: Float64Array): Float64Array => {
  let lo = 0,
    hi = a.length - 1
  const stack: Array<number> = []
  for (;;) {
    while (hi - lo > 16) {
      const mid = (lo + hi) >>> 1
      const x = a[lo]!,
        y = a[mid]!,
        z = a[hi]!
      const pivot = x < y ? (y < z ? y : Math.max(x, z)) : x < z ? x : Math.max(y, z)
      // Dijkstra's partition: [lo, lt) < pivot, [lt, i) = pivot, (gt, hi] > pivot.
      let lt = lo,
        i = lo,
        gt = hi
      while (i <= gt) {
        const v = a[i]!
        if (v < pivot) {
          a[i] = a[lt]!
          a[lt] = v
          lt++
          i++
        } else if (v > pivot) {
          a[i] = a[gt]!
          a[gt] = v
          gt--
        } else i++
      }
      // Loop on the larger side, defer the smaller: the stack stays logarithmic.
      if (lt - lo < hi - gt) {
        stack.push(gt + 1, hi)
        hi = lt - 1
      } else {
        stack.push(lo, lt - 1)
        lo = gt + 1
      }
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
