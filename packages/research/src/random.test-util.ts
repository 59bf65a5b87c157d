import { seededUniform } from "./design.js"

/** A seeded generator for tests of the statistics, with normal draws by Box–Muller. */
export const seededRandom = (seed: number) => {
  const uniform = seededUniform(seed)
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
  return { uniform, normal }
}
