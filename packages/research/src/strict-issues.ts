import { issuesOf } from "@igv/domain"
import type { SchemaIssue } from "effect"

/** A strict decoder's issues with their JSON paths (under `prefix`); a field the schema does not know is named as such. */
export const strictIssues = (
  issue: SchemaIssue.Issue,
  prefix: ReadonlyArray<PropertyKey> = []
): Array<{ path: string; message: string }> => [
  ...issuesOf(issue, { at: prefix, unexpected: (key) => `unknown field ${JSON.stringify(String(key))}` })
]
