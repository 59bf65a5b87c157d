/**
 * A token bucket per API key: `burst` tokens, refilled at `perSecond`. Written here rather than taking
 * @fastify/rate-limit because the bucket must key on the authenticated key id (known only after our auth
 * hook) and answer with our structured error; that is twenty lines.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now
  ) {}

  /** 0 when the request may pass, otherwise the seconds until a token is available (for Retry-After). */
  take(key: string): number {
    const now = this.now()
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond)
    b.at = now
    this.buckets.set(key, b)
    if (b.tokens >= 1) {
      b.tokens -= 1
      return 0
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond))
  }
}
