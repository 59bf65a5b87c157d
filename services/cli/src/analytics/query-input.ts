import { decodeAnalyticsInput, type AnalyticsQueryName } from "@igv/analytics"
import { formatInstant } from "@igv/domain"
import { stringOption } from "../args.js"
import { optionTime } from "../store-window.js"
import { UsageError, type OptionValues } from "../command.js"

/** Each query's input field, the command-line option that fills it, and how its text becomes the value. */
type Kind = "text" | "list" | "number" | "numbers" | "time"
const FIELDS: Readonly<Record<string, readonly [option: string, kind: Kind]>> = {
  scenario: ["scenario", "text"],
  version: ["version", "number"],
  sweep: ["sweep", "text"],
  runs: ["runs", "list"],
  areas: ["areas", "list"],
  area: ["area", "text"],
  prios: ["prios", "numbers"],
  from: ["from", "time"],
  to: ["to", "time"],
  timeZone: ["time-zone", "text"],
  kpi: ["kpi", "text"],
  parameter: ["parameter", "text"],
  source: ["source", "text"]
}

/** The options each query takes (besides the connection and output options). */
export const QUERY_OPTIONS: Readonly<Record<AnalyticsQueryName, ReadonlyArray<string>>> = {
  interruptions: ["scenario", "version", "sweep", "runs", "areas", "prios", "from", "to", "time-zone"],
  survival: ["scenario", "areas"],
  sweep: ["sweep", "kpi", "parameter", "area"],
  "real-vs-simulated": ["scenario", "version", "sweep", "runs", "from", "to", "areas"],
  headline: ["source", "scenario", "version", "sweep", "runs", "from", "to", "areas", "time-zone"]
}

const fieldOfOption = (option: string): string | undefined =>
  Object.entries(FIELDS).find(([, [o]]) => o === option)?.[0]

/** An issue's input path (`prios[1]`, `timeZone`) as the option the user typed. */
export const optionOfPath = (path: string): string | undefined => {
  const field = /^[A-Za-z]+/.exec(path)?.[0]
  return field === undefined ? undefined : FIELDS[field]?.[0]
}

const list = (text: string): Array<string> =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
/** Whole numbers become numbers; anything else is passed on as text for the schema to name what is wrong. */
const numberOrText = (text: string): number | string => (/^-?\d+$/.test(text.trim()) ? Number(text) : text)

/**
 * Times on the command line read as `igv history` reads them: a date is local midnight (Europe/Stockholm),
 * `2024-03-01T06:00` local wall time, or ISO 8601 with an offset; they reach the query as ISO with an offset.
 */
const time = (text: string, option: string): string => formatInstant(optionTime(text, `--${option}`))

/** The query's input from the command line, decoded by the package's schema; bad input is a UsageError naming the option. */
export const queryInput = (name: AnalyticsQueryName, values: OptionValues): Record<string, unknown> => {
  const input: Record<string, unknown> = {}
  for (const option of QUERY_OPTIONS[name]) {
    const text = stringOption(values, option)
    if (text === undefined) continue
    const field = fieldOfOption(option)!
    const kind = FIELDS[field]![1]
    input[field] =
      kind === "list"
        ? list(text)
        : kind === "numbers"
          ? list(text).map(numberOrText)
          : kind === "number"
            ? numberOrText(text)
            : kind === "time"
              ? time(text, option)
              : text
  }
  const decoded = decodeAnalyticsInput(name, input)
  if (!decoded.ok) throw new UsageError(describeIssues(decoded.issues))
  return input
}

/**
 * One line per option: "--prios: expected 1 | 2 | 3, actual 4". Effect reports a union member by member
 * (and an optional field's "Expected undefined" beside the real reason); those are folded into one line.
 */
export const describeIssues = (issues: ReadonlyArray<{ readonly path: string; readonly message: string }>): string => {
  const byOption = new Map<string, Array<string>>()
  for (const i of issues) {
    const key = optionOfPath(i.path) ?? ""
    if (
      /^Expected undefined, actual/.test(i.message) &&
      issues.some((j) => j !== i && (optionOfPath(j.path) ?? "") === key)
    )
      continue
    byOption.set(key, [...(byOption.get(key) ?? []), i.message])
  }
  return [...byOption]
    .map(([option, messages]) => {
      const expected = messages.map((m) => /^Expected (.+), actual (.+)$/.exec(m))
      const text =
        expected.length > 1 && expected.every((m) => m !== null && m[2] === expected[0]![2])
          ? `expected ${expected.map((m) => m![1]).join(" | ")}, actual ${expected[0]![2]}`
          : [...new Set(messages)].join("; ")
      if (option === "") return text
      return /is missing/.test(text) ? `--${option} is required` : `--${option}: ${text}`
    })
    .join("\n")
}
