import { decodeWith } from "@igv/domain"
import type { Schema } from "effect"

/**
 * A strict decoder: every field checked, each issue with its JSON path (under `prefix`), a field the schema does
 * not know named as such.
 */
export const strictDecoder = <S extends Schema.ConstraintDecoder<unknown>>(
  schema: S,
  prefix: ReadonlyArray<PropertyKey> = []
) =>
  decodeWith(schema, {
    onExcessProperty: "error",
    at: prefix,
    unexpected: (key) => `unknown field ${JSON.stringify(String(key))}`
  })
