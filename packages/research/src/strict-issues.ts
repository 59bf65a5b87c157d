import { formatPath } from "@igv/domain"
import { ParseResult } from "effect"

/** A strict decoder's issues with their JSON paths (under `prefix`); a field the schema does not know is named as such. */
export const strictIssues = (error: ParseResult.ParseError, prefix: ReadonlyArray<PropertyKey> = []): Array<{ path: string; message: string }> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((i) => ({
    path: formatPath([...prefix, ...i.path]),
    message: i._tag === "Unexpected" ? `unknown field ${JSON.stringify(String(i.path[i.path.length - 1]))}` : i.message
  }))
