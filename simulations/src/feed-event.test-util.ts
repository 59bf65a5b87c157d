import { decodeWith, IgvEvent } from "@igv/domain"

const decode = decodeWith(IgvEvent)

/** A hand-written feed event, ids as plain strings; a field the domain does not know fails the type check. */
export const feedEvent = (e: typeof IgvEvent.Encoded): IgvEvent => {
  const r = decode(e)
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("\n"))
  return r.value
}
