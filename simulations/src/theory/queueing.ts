/**
 * Exact M/M/c results the simulator is validated against. Rates are per minute, times in minutes,
 * but any consistent unit works. Offered load a = λ/μ (erlangs); c servers (patrols).
 */

const requireServers = (c: number) => {
  if (!Number.isInteger(c) || c < 1) throw new RangeError(`servers must be a positive integer, got ${c}`)
}
const requireStable = (c: number, a: number) => {
  requireServers(c)
  if (!(a >= 0) || !(a < c))
    throw new RangeError(`offered load a must satisfy 0 <= a < c (got a=${a}, c=${c}): the queue is unstable`)
}

/**
 * Erlang B (loss probability) by the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).
 * Every step is a ratio in [0, 1], so it neither overflows nor loses precision for thousands of servers.
 */
export const erlangB = (c: number, a: number): number => {
  if (!Number.isInteger(c) || c < 0) throw new RangeError(`servers must be a non-negative integer, got ${c}`)
  if (!(a >= 0)) throw new RangeError(`offered load must be non-negative, got ${a}`)
  let b = 1
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b)
  return b
}

/** Erlang C: the probability that an arrival waits, P(W > 0), in M/M/c. C = B / (1 − ρ(1 − B)), ρ = a/c. */
export const erlangC = (c: number, a: number): number => {
  requireStable(c, a)
  if (a === 0) return 0
  const b = erlangB(c, a)
  const rho = a / c
  return b / (1 - rho * (1 - b))
}

export interface MMc {
  /** Arrival rate λ. */
  readonly lambda: number
  /** Service rate μ of one server (1 / mean service time). */
  readonly mu: number
  /** Servers. */
  readonly c: number
}

const load = ({ lambda, mu, c }: MMc) => {
  if (!(lambda >= 0) || !(mu > 0)) throw new RangeError(`need lambda >= 0 and mu > 0 (got lambda=${lambda}, mu=${mu})`)
  const a = lambda / mu
  requireStable(c, a)
  return a
}

/** P(W > 0). */
export const probabilityOfWaiting = (q: MMc): number => erlangC(q.c, load(q))

/** Mean wait in queue Wq = C / (cμ − λ). */
export const meanWait = (q: MMc): number => erlangC(q.c, load(q)) / (q.c * q.mu - q.lambda)

/** Waiting-time tail for FCFS: P(W > t) = C · e^{−(cμ − λ) t}, t ≥ 0. */
export const waitTail = (q: MMc, t: number): number => {
  if (!(t >= 0)) throw new RangeError(`t must be non-negative, got ${t}`)
  return erlangC(q.c, load(q)) * Math.exp(-(q.c * q.mu - q.lambda) * t)
}

/** Utilisation per server ρ = λ / (cμ); the long-run free share of server time is 1 − ρ = (c − a)/c. */
export const utilisation = (q: MMc): number => load(q) / q.c

/** Mean number waiting Lq = C · a / (c − a) (= λ·Wq). */
export const meanNumberWaiting = (q: MMc): number => {
  const a = load(q)
  return (erlangC(q.c, a) * a) / (q.c - a)
}

/**
 * Cobham's formula: mean wait per class in an M/M/c queue with non-preemptive priorities and a
 * common exponential service rate μ. Class 1 is served first.
 *
 *   W_k = W0 / ((1 − σ_{k−1})(1 − σ_k)),   W0 = C(c, a) / (cμ),   σ_k = Σ_{i≤k} λ_i / (cμ)
 *
 * W0 is the mean time until some server frees, seen by an arrival: it waits with probability C and
 * then, all c servers being busy with memoryless service, for a minimum of c exponentials (mean 1/(cμ)).
 * With one class this reduces to Erlang C's Wq = C / (cμ − λ).
 */
export const cobhamMeanWaits = (lambdas: ReadonlyArray<number>, mu: number, c: number): Array<number> => {
  const lambda = lambdas.reduce((s, l) => s + l, 0)
  if (lambdas.some((l) => !(l >= 0))) throw new RangeError("class arrival rates must be non-negative")
  const a = load({ lambda, mu, c })
  const w0 = erlangC(c, a) / (c * mu)
  const out: Array<number> = []
  let sigmaBefore = 0
  for (const l of lambdas) {
    const sigma = sigmaBefore + l / (c * mu)
    out.push(w0 / ((1 - sigmaBefore) * (1 - sigma)))
    sigmaBefore = sigma
  }
  return out
}

/** Little's law, L = λ·W: mean number in a system from its arrival rate and mean time in it. */
export const littleL = (lambda: number, w: number): number => lambda * w

/** Little's law solved for the mean time in the system, W = L / λ. */
export const littleW = (l: number, lambda: number): number => {
  if (!(lambda > 0)) throw new RangeError(`arrival rate must be positive, got ${lambda}`)
  return l / lambda
}
