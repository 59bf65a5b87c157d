import { describe, expect, it } from "vitest"
import { RateLimiter } from "./rate-limit.js"

describe("RateLimiter (token bucket per key)", () => {
  it("lets a burst through, then refuses with the seconds until the next token, and refills with time", () => {
    let now = 0
    const limiter = new RateLimiter(2, 3, () => now)
    expect([limiter.take("k"), limiter.take("k"), limiter.take("k")]).toEqual([0, 0, 0])
    expect(limiter.take("k")).toBe(1)
    expect(limiter.take("other")).toBe(0)
    now += 500
    expect(limiter.take("k")).toBe(0)
    expect(limiter.take("k")).toBe(1)
    now += 10_000
    expect([0, 0, 0].map(() => limiter.take("k"))).toEqual([0, 0, 0])
    expect(limiter.take("k")).toBe(1)
  })

  it("asks a slow bucket to wait several seconds", () => {
    let now = 0
    const limiter = new RateLimiter(0.25, 1, () => now)
    expect(limiter.take("k")).toBe(0)
    expect(limiter.take("k")).toBe(4)
    now += 2000
    expect(limiter.take("k")).toBe(2)
  })
})
