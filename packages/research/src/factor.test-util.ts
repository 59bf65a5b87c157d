import { type Factor, parseFactor } from "./design.js"

/** A factor the test writes correctly; a spec that does not read fails the test with its issues. */
export const factor = (spec: string): Factor => {
  const parsed = parseFactor(spec)
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join("; "))
  return parsed.value
}
