import { Schema } from "effect"
import type { FastifyRequest } from "fastify"
import {
  decodeWith,
  type Decoded,
  type InputIssue,
  isInt,
  isMaxLength,
  isNonNegative,
  type Scenario
} from "@igv/domain"
import { decodeScenarioValue, parseStructured, type NumberLiteral } from "@igv/runner"
import { ApiError, invalid } from "../errors.js"
import { YAML_MEDIA_TYPES } from "../http/server.js"

export const Comment = Schema.String.check(isMaxLength(2000))
export const ExpectedVersion = Schema.Number.check(isInt, isNonNegative)

/** What a scenario route reads from its body: the scenario, decoded as the CLI decodes a file, and the envelope's fields. */
export interface ScenarioBody {
  readonly scenario: Scenario
  readonly comment?: string
  /** The version a revision is based on (409 if stale). */
  readonly expectedVersion?: number
}

/** With a YAML body (the scenario file itself) the envelope's fields travel in the query. */
export interface ScenarioBodyQuery {
  readonly comment?: string | undefined
  readonly expectedVersion?: number | undefined
}

const isYaml = (request: FastifyRequest) =>
  (YAML_MEDIA_TYPES as ReadonlyArray<string>).includes(
    request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase() ?? ""
  )

/** The JSON envelope around the scenario; strict, so a misspelt `coment` is an error rather than lost. */
const Envelope = Schema.Struct({ scenario: Schema.Unknown, comment: Schema.optionalKey(Comment) })
const RevisionEnvelope = Schema.Struct({ ...Envelope.fields, expectedVersion: Schema.optionalKey(ExpectedVersion) })
const envelopeOf = (
  revise: boolean
): ((input: unknown) => Decoded<{ readonly comment?: string; readonly expectedVersion?: number }>) =>
  revise
    ? decodeWith(RevisionEnvelope, { onExcessProperty: "error" })
    : decodeWith(Envelope, { onExcessProperty: "error" })

const envelopeIssues = (issues: ReadonlyArray<InputIssue>, revise: boolean): Array<InputIssue> =>
  issues
    .filter((i) => i.path !== "scenario")
    .map((i) => ({
      path: i.path,
      message:
        i.message === "is unexpected"
          ? `unknown field ${JSON.stringify(i.path.slice(0, 40))} (known here: "scenario", "comment"${revise ? `, "expectedVersion"` : ""})`
          : i.message
    }))

/** The numbers and lines of the `scenario` member of a parsed JSON envelope, relative to it. */
const inside = (key: string, numbers: ReadonlyArray<NumberLiteral>, locate: (path: string) => number | undefined) => ({
  numbers: numbers.filter((n) => n.path[0] === key).map((n) => ({ ...n, path: n.path.slice(1) })),
  locate: (path: string) => locate(path === "" ? key : path.startsWith("[") ? `${key}${path}` : `${key}.${path}`)
})

/**
 * Reads a scenario body with the CLI's decoder: JSON `{scenario, comment?, expectedVersion?}`, or YAML (the scenario
 * file as it is, `comment` and `expectedVersion` in the query). Every problem is a 400 with its path and line.
 */
export const readScenarioBody = (revise: boolean) => {
  const decodeEnvelope = envelopeOf(revise)
  return (request: FastifyRequest, query: ScenarioBodyQuery): ScenarioBody => {
    const yaml = isYaml(request)
    const text = yaml ? String(request.body ?? "") : (request.rawBody ?? "")
    if (text.trim() === "") throw new ApiError(400, "invalid_request", "the body is empty", "body")
    const read = parseStructured(text, yaml ? "body.yaml" : "body.json")
    if (!read.ok) throw invalid("body", read.issues)
    const parsed = read.value
    if (yaml) {
      const decoded = decodeScenarioValue(parsed)
      if (!decoded.ok) throw invalid("body", decoded.issues)
      return { scenario: decoded.value, ...defined(query) }
    }
    if (query.comment !== undefined || query.expectedVersion !== undefined) {
      throw new ApiError(
        400,
        "invalid_request",
        "with a JSON body, comment and expectedVersion go in the body; the query form is for YAML bodies",
        "query"
      )
    }
    const envelope = decodeEnvelope(parsed.value)
    const issues: Array<InputIssue & { line?: number }> = envelope.ok ? [] : envelopeIssues(envelope.issues, revise)
    const member =
      typeof parsed.value === "object" && parsed.value !== null
        ? (parsed.value as { scenario?: unknown }).scenario
        : undefined
    if (member === undefined)
      issues.unshift({ path: "scenario", message: 'is missing: the scenario goes in the body\'s "scenario" field' })
    const decoded =
      member === undefined
        ? undefined
        : decodeScenarioValue({ value: member, ...inside("scenario", parsed.numbers, parsed.locate) })
    if (decoded?.ok === false)
      issues.push(
        ...decoded.issues.map((i) => ({
          ...i,
          path: i.path === "" ? "scenario" : i.path.startsWith("[") ? `scenario${i.path}` : `scenario.${i.path}`
        }))
      )
    if (decoded?.ok !== true || !envelope.ok || issues.length > 0) throw invalid("body", issues)
    const { comment, expectedVersion } = envelope.value
    return { scenario: decoded.value, ...defined({ comment, expectedVersion }) }
  }
}

const defined = (q: ScenarioBodyQuery): { comment?: string; expectedVersion?: number } => ({
  ...(q.comment === undefined ? {} : { comment: q.comment }),
  ...(q.expectedVersion === undefined ? {} : { expectedVersion: q.expectedVersion })
})
