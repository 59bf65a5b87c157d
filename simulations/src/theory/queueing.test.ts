import { describe, expect, it } from "vitest"
import {
  cobhamMeanWaits,
  erlangB,
  erlangC,
  littleL,
  littleW,
  meanNumberWaiting,
  meanWait,
  probabilityOfWaiting,
  utilisation,
  waitTail
} from "./queueing.js"

/** ln(a^n / n!) summed independently of the recursion, in log space so it works for thousands of servers. */
const logTerm = (a: number, n: number) => {
  let s = n * Math.log(a)
  for (let k = 2; k <= n; k++) s -= Math.log(k)
  return s
}
const logSumExp = (xs: ReadonlyArray<number>) => {
  const m = Math.max(...xs)
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0))
}
/** Erlang C straight from the M/M/c stationary distribution: C = (a^c/c!)(c/(c−a)) / (Σ_{n<c} a^n/n! + (a^c/c!)(c/(c−a))). */
const erlangCDirect = (c: number, a: number) => {
  const logs = Array.from({ length: c }, (_, n) => logTerm(a, n))
  const logWaiting = logTerm(a, c) + Math.log(c / (c - a))
  return Math.exp(logWaiting - logSumExp([...logs, logWaiting]))
}

describe("Erlang B", () => {
  it("matches the published telephone-traffic table values", () => {
    // Standard Erlang B tables: 10 circuits at 5 E lose 1.84 %; 5 circuits at 2 E lose 3.67 %.
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 5)
    expect(erlangB(5, 2)).toBeCloseTo(0.036697, 5)
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12)
    expect(erlangB(0, 3)).toBe(1)
  })
})

describe("Erlang C", () => {
  it("reduces to M/M/1 for one server: P(wait) = ρ, Wq = ρ/(μ − λ)", () => {
    for (const rho of [0.1, 0.5, 0.9, 0.99]) {
      const q = { lambda: rho * 2, mu: 2, c: 1 }
      expect(probabilityOfWaiting(q)).toBeCloseTo(rho, 12)
      expect(meanWait(q)).toBeCloseTo(rho / (q.mu - q.lambda), 10)
    }
  })

  it("matches hand-derived M/M/2 and M/M/3 values", () => {
    // M/M/2, a = 1: P0⁻¹ = 1 + 1 + (1/2)(2/1) = 3, C = 1/3; with μ = 1, Wq = (1/3)/(2 − 1).
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12)
    expect(meanWait({ lambda: 1, mu: 1, c: 2 })).toBeCloseTo(1 / 3, 12)
    // M/M/2 closed form: C = 2ρ²/(1 + ρ).
    for (const rho of [0.2, 0.7, 0.95]) expect(erlangC(2, 2 * rho)).toBeCloseTo((2 * rho * rho) / (1 + rho), 12)
    // M/M/3, a = 2: P0⁻¹ = 1 + 2 + 2 + (8/6)(3/1) = 9, C = 4/9; μ = 1: Wq = (4/9)/(3 − 2).
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12)
    expect(meanWait({ lambda: 2, mu: 1, c: 3 })).toBeCloseTo(4 / 9, 12)
  })

  it("agrees with the stationary-distribution sum for c = 2..10 and for thousands of servers", () => {
    for (let c = 2; c <= 10; c++) {
      for (const rho of [0.3, 0.8, 0.97]) expect(erlangC(c, c * rho)).toBeCloseTo(erlangCDirect(c, c * rho), 11)
    }
    for (const [c, a] of [
      [500, 480],
      [2000, 1900],
      [2000, 1990],
      [2000, 1500]
    ] as const) {
      const direct = erlangCDirect(c, a)
      const r = erlangC(c, a)
      expect(Number.isFinite(r)).toBe(true)
      expect(Math.abs(r - direct) / Math.max(direct, 1e-300)).toBeLessThan(1e-9)
    }
  })

  it("is near the Halfin–Whitt limit in the quality-and-efficiency-driven regime", () => {
    // c = a + β√a: C → [1 + βΦ(β)/φ(β)]⁻¹ as a grows; β = 1: Φ(1) = 0.841345, φ(1) = 0.241971.
    const a = 1936,
      c = a + 44
    expect(erlangC(c, a)).toBeCloseTo(1 / (1 + 0.841345 / 0.241971), 2)
  })

  it("rejects an unstable or malformed queue", () => {
    expect(() => erlangC(3, 3)).toThrow(/unstable/)
    expect(() => erlangC(0, 0.5)).toThrow(/positive integer/)
    expect(() => meanWait({ lambda: 1, mu: 0, c: 2 })).toThrow(/mu > 0/)
  })

  it("gives the waiting-time tail C·e^{−(cμ−λ)t} and the free share (c − a)/c", () => {
    const q = { lambda: 2, mu: 1, c: 3 }
    expect(waitTail(q, 0)).toBeCloseTo(4 / 9, 12)
    expect(waitTail(q, 2)).toBeCloseTo((4 / 9) * Math.exp(-2), 12)
    // The tail integrates to the mean wait: ∫ C e^{−θt} dt = C/θ.
    let integral = 0
    for (let i = 0; i < 20_000; i++) integral += waitTail(q, (i + 0.5) * 0.002) * 0.002
    expect(integral).toBeCloseTo(meanWait(q), 6)
    expect(1 - utilisation(q)).toBeCloseTo((3 - 2) / 3, 12)
  })
})

describe("Cobham's formula (non-preemptive priorities, common service rate)", () => {
  it("reduces to Erlang C's mean wait for one class", () => {
    const q = { lambda: 7, mu: 1, c: 9 }
    expect(cobhamMeanWaits([q.lambda], q.mu, q.c)[0]).toBeCloseTo(meanWait(q), 12)
  })

  it("reduces to the M/M/1 priority formula W_k = (ρ/μ)/((1−σ_{k−1})(1−σ_k)) for one server", () => {
    const mu = 1,
      lambdas = [0.2, 0.3, 0.3]
    const [w1, w2, w3] = cobhamMeanWaits(lambdas, mu, 1)
    const r0 = 0.8 / mu
    expect(w1).toBeCloseTo(r0 / (1 * 0.8), 12)
    expect(w2).toBeCloseTo(r0 / (0.8 * 0.5), 12)
    expect(w3).toBeCloseTo(r0 / (0.5 * 0.2), 12)
  })

  it("matches Gross & Harris' form W_k = 1/(A(1−σ_{k−1})(1−σ_k)), A = c!(cμ−λ)Σ_{n<c} rⁿ/n! / r^c + cμ", () => {
    const c = 4,
      mu = 0.5,
      lambdas = [0.3, 0.5, 0.8]
    const lambda = 1.6,
      r = lambda / mu
    let sum = 0,
      fact = 1
    for (let n = 0; n < c; n++) {
      if (n > 0) fact *= n
      sum += r ** n / fact
    }
    const cFact = fact * c
    const A = (cFact * (c * mu - lambda) * sum) / r ** c + c * mu
    const sigma = [0, 0.3 / 2, 0.8 / 2, 1.6 / 2]
    const waits = cobhamMeanWaits(lambdas, mu, c)
    expect(waits).toHaveLength(lambdas.length)
    waits.forEach((w, k) => {
      expect(w).toBeCloseTo(1 / (A * (1 - sigma[k]!) * (1 - sigma[k + 1]!)), 12)
    })
  })

  it("conserves work: the arrival-weighted mean of the class waits is the FCFS wait (Kleinrock)", () => {
    for (const c of [1, 3, 12, 200]) {
      const mu = 1 / 30,
        lambdas = [0.1, 0.25, 0.5].map((x) => (x * c * mu * 0.9) / 0.85)
      const lambda = lambdas.reduce((s, l) => s + l, 0)
      const ws = cobhamMeanWaits(lambdas, mu, c)
      const weighted = ws.reduce((s, w, k) => s + lambdas[k]! * w, 0) / lambda
      expect(weighted / meanWait({ lambda, mu, c })).toBeCloseTo(1, 10)
      expect(ws[0]!).toBeLessThan(ws[1]!)
      expect(ws[1]!).toBeLessThan(ws[2]!)
    }
  })
})

describe("Little's law", () => {
  it("Lq = λ·Wq for M/M/c, and W = L/λ inverts it", () => {
    const q = { lambda: 8 / 30, mu: 1 / 30, c: 10 }
    expect(meanNumberWaiting(q)).toBeCloseTo(littleL(q.lambda, meanWait(q)), 12)
    expect(littleW(littleL(q.lambda, 12.5), q.lambda)).toBeCloseTo(12.5, 12)
    expect(() => littleW(1, 0)).toThrow(/positive/)
  })
})
