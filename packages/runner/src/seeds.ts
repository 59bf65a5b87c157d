/**
 * The seed of replication `r` of a run seeded `seed`. Replication 0 uses the seed itself, so a
 * single run and the first of many agree; the others are a 32-bit hash of (seed, r), so the
 * outcome depends only on the inputs, never on which worker ran which replication.
 */
export const replicationSeed = (seed: number, r: number): number => {
  if (r === 0) return seed
  let h =
    (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul((seed / 0x1_0000_0000) | 0, 0x27d4eb2f) ^ Math.imul(r, 0x85ebca6b)) >>>
    0
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  h ^= h >>> 15
  h = Math.imul(h, 0x846ca68b)
  h ^= h >>> 16
  return h >>> 0
}
