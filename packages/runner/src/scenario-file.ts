import { readFile } from "node:fs/promises"
import { dirname, extname, isAbsolute, resolve } from "node:path"
import { isCollection, LineCounter, parseDocument, type Document } from "yaml"
import { type Decoded, decodeScenarioInput, formatPath, Scenario, unknownKeysOf, type InputIssue } from "@igv/domain"
import { atLine, describeReadError, ScenarioInvalid, type LocatedIssue } from "./errors.js"
import { findJsonSyntaxError, lineColumn } from "./json-syntax.js"
import { integerPaths, numberIssues, numberLiterals, type NumberLiteral } from "./number-literals.js"
import { tidyIssues } from "./tidy-issues.js"

export interface LoadedScenario {
  /** The file as given. */
  readonly file: string
  /** Decoded, defaults filled in; `demand.feed`, if any, is resolved against the scenario file. */
  readonly scenario: Scenario
  /** The line a JSON path of the file is on (the deepest part of it that exists), for messages. */
  readonly locate: (path: string) => number | undefined
}

const scenarioUnknownKeys = unknownKeysOf(Scenario)

/**
 * Fields the schema does not know, e.g. a misspelt rule that would otherwise silently leave
 * today's practice in place. Top-level keys starting with "x-" are free (for YAML anchors).
 */
const unknownFields = (input: unknown): Array<InputIssue> => {
  return scenarioUnknownKeys(input)
    .filter((k) => !(k.path.length === 1 && String(k.path[0]).startsWith("x-")))
    .map((k) => ({
      path: formatPath(k.path),
      message: `unknown field ${JSON.stringify(String(k.path[k.path.length - 1]))}${k.known.length > 0 ? ` (known here: ${k.known.join(", ")})` : ""}`
    }))
}

/** "areas[2].neighbours[0]" → ["areas", 2, "neighbours", 0]. */
export const parsePath = (path: string): Array<string | number> =>
  [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!))

/** The line of the deepest node that exists on the path: the value itself, or the object it is missing from. */
const lineOf = (doc: Document, lines: LineCounter, path: ReadonlyArray<string | number>): number | undefined => {
  let node: unknown = doc.contents
  let line: number | undefined
  for (const key of path) {
    if (!isCollection(node)) break
    const next = node.get(key, true)
    if (next === undefined) break
    node = next
    const start = (node as { range?: [number, number, number] }).range?.[0]
    if (start !== undefined) line = lines.linePos(start).line
  }
  return line
}

/** JSON or YAML text read into a value, with what the value no longer shows. */
export interface ParsedText {
  readonly value: unknown
  readonly locate: (path: string) => number | undefined
  /** Every number as written, for the rules a parsed value no longer shows (0x10, 1e0, 1e999). */
  readonly numbers: ReadonlyArray<NumberLiteral>
}

/** Parses JSON or YAML text into a value (with the numbers as written), or the syntax problems with their lines. */
export type Parsed = Decoded<ParsedText, LocatedIssue>

/** A file that is not YAML at all (a feed, a binary) gives an error per token; the first few say enough. */
const MAX_SYNTAX_ISSUES = 5
/** Deeper than any scenario, and shallow enough that no parser or decoder runs out of stack. */
export const MAX_NESTING = 64

export const parseStructured = (text: string, file: string): Parsed => {
  const json = extname(file).toLowerCase() === ".json"
  const depth = nestingDepth(text, json)
  if (depth > MAX_NESTING)
    return {
      ok: false,
      issues: [{ path: "", message: `nested ${depth} levels deep; at most ${MAX_NESTING} are allowed` }]
    }
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const locate = (path: string) => lineOf(doc, lines, parsePath(path))
  if (json) {
    try {
      const value: unknown = JSON.parse(text)
      // JSON is read as YAML too, for lines and the numbers as written; should the two readers disagree, the
      // value is JSON's and numbers are checked only for being finite.
      const numbers = doc.errors.length === 0 ? numberLiterals(doc) : finiteOnly(value)
      return { ok: true, value: { value, locate, numbers } }
    } catch {
      const e = findJsonSyntaxError(text)
      if (e === undefined) return { ok: false, issues: [{ path: "", message: "not valid JSON" }] }
      const at = lineColumn(text, e.offset)
      return {
        ok: false,
        issues: [{ path: "", line: at.line, message: `not valid JSON (column ${at.column}): ${e.message}` }]
      }
    }
  }
  if (doc.errors.length > 0) {
    // The parser's messages may end by quoting a token of the file (`...in YAML stream: "HR-1"`): cut there.
    const issues: Array<LocatedIssue> = doc.errors.slice(0, MAX_SYNTAX_ISSUES).map((e) => {
      const at = lines.linePos(e.pos[0])
      return {
        path: "",
        line: at.line,
        message: `not valid YAML (column ${at.col}): ${e.message.replace(/: ".*$/s, "")}`
      }
    })
    if (doc.errors.length > MAX_SYNTAX_ISSUES)
      issues.push({
        path: "",
        message: `… and ${doc.errors.length - MAX_SYNTAX_ISSUES} more syntax errors (is this a scenario?)`
      })
    return { ok: false, issues }
  }
  return { ok: true, value: { value: doc.toJS({ maxAliasCount: 1000 }), locate, numbers: numberLiterals(doc) } }
}

/** Numbers that are not finite, found in a parsed value (their text is gone; JSON has no other way to write them). */
const finiteOnly = (value: unknown, path: Array<string | number> = []): Array<NumberLiteral> => {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [{ path, source: String(value), value }]
  if (Array.isArray(value)) return value.flatMap((v, i) => finiteOnly(v, [...path, i]))
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([k, v]) => finiteOnly(v, [...path, k]))
  return []
}

/**
 * How deeply brackets nest: a bound read before any parser recurses. JSON's strings are skipped; in YAML every
 * bracket counts (quotes there depend on context), which can only overstate the depth.
 */
export const nestingDepth = (text: string, skipStrings: boolean): number => {
  let depth = 0,
    max = 0,
    inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* backslash */) i++
      else if (c === 34 /* " */) inString = false
    } else if (c === 34) inString = skipStrings
    else if (c === 91 || c === 123 /* [ { */) max = Math.max(max, ++depth)
    else if (c === 93 || c === 125 /* ] } */) depth--
  }
  return max
}

// Read from the schema on first use, not at every start-up: the reading costs a short command's start-up ~12 ms.
let integerAtPath: ReturnType<typeof integerPaths> | undefined
const isIntegerAt = (path: ReadonlyArray<string | number>): boolean => (integerAtPath ??= integerPaths(Scenario))(path)
/**
 * Whether a number written with a fraction or an exponent stands where the schema wants a whole one. If the schema
 * took the scenario, only a whole value (1.0, 1e2) can: no path of a scenario takes both whole and other numbers
 * (number-literals.test.ts), so 2.5 where a whole number belongs fails the schema and asks then.
 */
const integerAtGiven =
  (decodedOk: boolean) =>
  (path: ReadonlyArray<string | number>, value: number): boolean =>
    (!decodedOk || Number.isInteger(value)) && isIntegerAt(path)

/**
 * The CLI's strict decoding of a parsed scenario, used by the API as well: every problem at once, in words
 * (unknown fields with the known ones, numbers that are no plain numbers, schema rules), each with its line.
 */
export const decodeScenarioValue = (parsed: ParsedText): Decoded<Scenario, LocatedIssue> => {
  const { value, locate } = parsed
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, issues: [{ path: "", message: notAScenario(value) }] }
  const decoded = decodeScenarioInput(value)
  const numbers = numberIssues(parsed.numbers, integerAtGiven(decoded.ok))
  // A number already refused for how it is written is not reported a second time by the schema.
  const schemaIssues = decoded.ok ? [] : decoded.issues.filter((i) => !numbers.some((n) => n.path === i.path))
  const issues = [...unknownFields(value), ...numbers, ...schemaIssues]
  if (decoded.ok && issues.length === 0) return { ok: true, value: decoded.value }
  return {
    ok: false,
    issues: tidyIssues(issues).map((i) => atLine(i, i.path === "" ? undefined : locate(i.path)))
  }
}

/** Says what a file that is not a scenario holds, without quoting it (it may be a feed, or binary). */
const notAScenario = (value: unknown): string => {
  const held = Array.isArray(value)
    ? "a list"
    : typeof value === "string"
      ? "a single text value"
      : `a single ${value === null ? "null" : typeof value} value`
  const hint =
    typeof value === "string" && /(^|,)\s*"?(registeredAt|type)"?\s*,/.test(value.slice(0, 1000))
      ? " (it looks like a CSV feed: give feeds with --feed)"
      : ""
  return `expected a scenario (a JSON or YAML mapping with areas, dimensioning, demand, plannedBlocks and rules), but the file holds ${held}${hint}`
}

export const decodeScenarioText = (text: string, file: string): Decoded<LoadedScenario, LocatedIssue> => {
  if (text.trim() === "") return { ok: false, issues: [{ path: "", message: "the file is empty" }] }
  const parsed = parseStructured(text, file)
  if (!parsed.ok) return parsed
  const decoded = decodeScenarioValue(parsed.value)
  if (!decoded.ok) return decoded
  const scenario = decoded.value
  const feed = scenario.demand.feed
  // A URL-like feed (an event store window, "sqlite:…", "kafka://…") is not a path to resolve.
  const resolved =
    feed === undefined || isAbsolute(feed) || /^[a-z][a-z0-9+.-]+:/i.test(feed)
      ? scenario
      : { ...scenario, demand: { ...scenario.demand, feed: resolve(dirname(file), feed) } }
  return { ok: true, value: { file, scenario: resolved, locate: parsed.value.locate } }
}

/**
 * Reads an input file written in JSON or YAML and decodes its text with `decode`; rejects with `ScenarioInvalid`
 * when the file cannot be read or does not decode, every problem naming the file, line and JSON path.
 */
export const loadDecodedFile = async <A>(
  file: string,
  decode: (text: string, file: string) => Decoded<A, LocatedIssue>
): Promise<A> => {
  let text: string
  try {
    text = await readFile(file, "utf8")
  } catch (e) {
    throw new ScenarioInvalid({ file, issues: [{ path: "", message: describeReadError(e) }] })
  }
  const decoded = decode(text, file)
  if (!decoded.ok) throw new ScenarioInvalid({ file, issues: decoded.issues })
  return decoded.value
}

/** Reads, parses and decodes a scenario (JSON or YAML); rejects with `ScenarioInvalid`. */
export const loadScenario = (file: string): Promise<LoadedScenario> => loadDecodedFile(file, decodeScenarioText)
