import { readFile } from "node:fs/promises"
import { basename, extname } from "node:path"
import { formatInstant, parseClock, PRIORITIES, type Scenario } from "@igv/domain"
import {
  describeReadError,
  feedAreaIssues,
  feedFileOptions,
  FeedInvalid,
  isInputInvalid,
  loadFeed,
  loadScenario,
  ruleScopes,
  scenarioWarnings,
  ScenarioInvalid,
  type LoadedFeed,
  type LoadFeedOptions
} from "@igv/runner"
import { isStoreSpec } from "@igv/ingest"
import { FEED_TIME_ZONE_HELP, feedTimeZoneOption, flag } from "../args.js"
import { EXIT_BAD_INPUT, EXIT_OK, UsageError, type Command, type Io } from "../command.js"
import { presetNames, PRESET_DIR, resolveScenarioArg } from "../presets.js"
import { writeWarnings } from "../warnings.js"

type Kind = "scenario" | "feed"

const SCENARIO_KEYS = ["areas", "dimensioning", "demand", "plannedBlocks", "rules"]

const looksLikeScenario = (value: unknown) =>
  value !== null && typeof value === "object" && SCENARIO_KEYS.some((k) => k in value)

/**
 * Scenario or feed: YAML is a scenario, NDJSON/CSV a feed. Otherwise by content: one JSON document
 * with scenario keys is a scenario; a first line that is a JSON object (NDJSON) or a CSV header
 * naming registeredAt is a feed; anything else is read as a scenario, whose errors name the line.
 */
export const detectKind = async (file: string): Promise<Kind> => {
  const ext = extname(file).toLowerCase()
  if (ext === ".yaml" || ext === ".yml") return "scenario"
  if (ext === ".ndjson" || ext === ".jsonl" || ext === ".csv") return "feed"
  const text = (await readFile(file, "utf8")).replace(/^\uFEFF/, "")
  try {
    return looksLikeScenario(JSON.parse(text)) ? "scenario" : "feed"
  } catch {
    // Not one JSON document: NDJSON, CSV, YAML, or a scenario with a syntax error.
  }
  const firstLine = text.trimStart().split("\n", 1)[0] ?? ""
  try {
    const record: unknown = JSON.parse(firstLine)
    if (record !== null && typeof record === "object" && !looksLikeScenario(record)) return "feed"
  } catch {
    // Not a JSON line.
  }
  return /(^|,)\s*"?(registeredAt|type)"?\s*(,|$)/.test(firstLine) ? "feed" : "scenario"
}

const weeklyHours = (scenario: Scenario, kind: "igv" | "community"): number =>
  scenario.dimensioning
    .filter((s) => s.kind === kind)
    .reduce((sum, s) => {
      const start = parseClock(s.start)!,
        end = parseClock(s.end)!
      const minutes = end > start ? end - start : end + 24 * 60 - start
      return sum + (s.patrols * s.weekdays.length * minutes) / 60
    }, 0)

const list = (xs: ReadonlyArray<unknown>) => (xs.length === 0 ? "none" : xs.join(", "))

/** When prio 3 may take a patrol from planned work (packages/simulator/README.md, Dispatch). */
const describePrio3Interrupting = (r: Scenario["rules"]): string =>
  r.prio3.handling === "defer"
    ? `prio 3 deferred: waits for a patrol without planned work, takes one from planned work after ${r.prio3.deferLimitMinutes} min whatever the interrupting priorities`
    : `prio 3 dispatched at once, ${r.interruptingPriorities.includes(3) ? "interrupting planned work" : "never interrupting planned work"}`

/** Which areas the scenario's own rules govern, when rule sets govern some: those no rule set lists. */
const governedByRules = (scenario: Scenario): string => {
  if (scenario.ruleSets.length === 0) return ""
  const outside = ruleScopes(scenario)[0]!.areas
  return outside.length === 0 ? " (no area: every area follows a rule set)" : ` (for ${outside.join(", ")})`
}

const describeRules = (r: Scenario["rules"]): string =>
  `interrupting priorities (at once) ${list(r.interruptingPriorities)}; ${describePrio3Interrupting(r)}, ` +
  `${(r.prio3.handledOtherwiseShare * 100).toFixed(0)} % handled another way; ` +
  `reserve: ${r.reserve.length === 0 ? "none" : r.reserve.map((x) => `${x.patrols} in ${x.area ?? "every area"} ${x.weekdays.length === 7 ? "" : `${x.weekdays.join("/")} `}${x.start}–${x.end}`).join(", ")}; ` +
  `borrowing: ${r.borrowing.length === 0 ? "none" : r.borrowing.map((b) => `prio ${b.prio} after ${b.afterMinutes} min`).join(", ")}; ` +
  `community officers drawn for prio ${list(r.communityOfficers.drawnFor)}; ` +
  `resume ${r.resume.enabled ? `if ≥ ${r.resume.minimumRemnantMinutes} min remain` : "never"}; ` +
  `prio 1 pre-empts prio 3: ${r.prio1PreemptsPrio3 ? "yes" : "no"}` +
  sectionFiveRules(r)

export const describeScenario = (file: string, scenario: Scenario, feed: LoadedFeed | undefined): string => {
  const perDay = (p: number) => scenario.demand.synthetic.filter((d) => d.prio === p).reduce((s, d) => s + d.perDay, 0)
  const tags = [...new Set(scenario.plannedBlocks.flatMap((b) => (b.tag === undefined ? [] : [b.tag])))]
  const kinds = (k: "igv" | "community") => scenario.dimensioning.filter((s) => s.kind === k).length
  return [
    `${file}: valid scenario "${scenario.name}"`,
    `  ${scenario.days} days from ${scenario.start} (${scenario.timeZone}), seed ${scenario.seed}, ${scenario.replications} replication${scenario.replications > 1 ? "s" : ""}`,
    `  areas: ${scenario.areas.map((a) => a.id).join(", ")}`,
    `  dimensioning: ${kinds("igv")} IGV shift lines (${weeklyHours(scenario, "igv").toFixed(0)} patrol-hours a week), ` +
      `${kinds("community")} community-officer shift lines (${weeklyHours(scenario, "community").toFixed(0)} hours a week)`,
    `  demand: ${
      scenario.demand.synthetic.length === 0
        ? "no synthetic streams"
        : `${scenario.demand.synthetic.length} synthetic streams, ${PRIORITIES.map((p) => `prio ${p} ${perDay(p).toFixed(1)}`).join(", ")} calls a day`
    }` + (feed === undefined ? "" : `; replayed feed ${basename(feed.file)}: ${feed.incidents.length} incidents`),
    `  planned blocks: ${scenario.plannedBlocks.length} template${scenario.plannedBlocks.length === 1 ? "" : "s"}; tags: ${list(tags)}`,
    `  rules${governedByRules(scenario)}: ${describeRules(scenario.rules)}`,
    ...scenario.ruleSets.map((set) => `  rule set for ${set.areas.join(", ")}: ${describeRules(set.rules)}`),
    ...scenario.seasons.map(
      (x) =>
        `  season "${x.name}" ${x.from} to ${x.to}: replaces ${[x.dimensioning === undefined ? [] : ["dimensioning"], x.plannedBlocks === undefined ? [] : ["planned blocks"]].flat().join(" and ")}`
    ),
    ...scenario.calendar.map(
      (c) =>
        `  ${c.kind} "${c.id}" ${c.from} to ${c.to} ${c.start}–${c.end}: takes ` +
        `${c.takes.map((t) => `${t.patrols} ${t.kind === "igv" ? "IGV" : "community"} in ${t.area}`).join(", ")}; ${c.interruptsPlannedWork ? "interrupts" : "does not interrupt"} planned work`
    )
  ].join("\n")
}

/** Nearest-unit and tag-protection rules, only when set (so a scenario without them is described as before). */
const sectionFiveRules = (r: Scenario["rules"]): string =>
  (r.prio1NearestUnit ? "; prio 1 to the nearest free patrol of any area" : "") +
  r.protectedTags.map((p) => `; blocks tagged ${p.tag} protected from prio ${list(p.from)}`).join("") +
  communityShiftRules(r.communityOfficers)

/** The community officers' shift rules, only when given (a scenario without them reads as before). */
const communityShiftRules = (c: Scenario["rules"]["communityOfficers"]): string =>
  (c.crew === undefined ? "" : `; community officers work ${c.crew === "alone" ? "alone (prio 3 only)" : "in pairs"}`) +
  (c.shiftsTaken ?? [])
    .map(
      (t) =>
        `; community shifts taken into ${t.into === "neighbourIgv" ? `${t.area}'s IGV` : t.into === "otherDuty" ? t.duty : "IGV"} ` +
        (t.whenIgvBelow === undefined
          ? `${t.shiftsPerOfficerPerWeek} per officer a week`
          : `when fewer than ${t.whenIgvBelow} IGV patrols are on duty`)
    )
    .join("") +
  (c.absences ?? [])
    .map(
      (a) =>
        `; ${a.reason} absences ${a.shiftsPerOfficerPerWeek} per officer a week, ${a.covered ? "covered" : "not covered"}`
    )
    .join("")

export const describeFeed = (feed: LoadedFeed, timeZone = "Europe/Stockholm"): string => {
  const incidents = feed.incidents
  const byPrio = PRIORITIES.map((p) => `prio ${p}: ${incidents.filter((i) => i.prio === p).length}`).join(", ")
  const areas = new Map<string, number>()
  for (const i of incidents) areas.set(i.area, (areas.get(i.area) ?? 0) + 1)
  const other = Object.entries(feed.otherEvents).map(([t, n]) => `${t} (${n})`)
  const dropped = Object.entries(feed.droppedFields).map(([f, n]) => `${f} (${n})`)
  return [
    `${feed.file}: valid feed (${feed.format === "csv" ? "CSV" : "NDJSON"}), ${feed.records} records`,
    incidents.length === 0
      ? "  no incidents to replay"
      : `  ${incidents.length} incidents from ${formatInstant(incidents[0]!.t, timeZone)} to ${formatInstant(incidents[incidents.length - 1]!.t, timeZone)}; ${byPrio}; two units: ${incidents.filter((i) => i.unitsNeeded === 2).length}`,
    `  areas: ${list([...areas].map(([a, n]) => `${a} (${n})`))}`,
    ...(other.length === 0 ? [] : [`  other events, not replayed: ${other.join(", ")}`]),
    ...(feed.duplicates === 0
      ? []
      : [`  rows repeating an incident with the same content, replayed once: ${feed.duplicates}`]),
    `  fields dropped at read (values never kept): ${list(dropped)}`
  ].join("\n")
}

const validateOne = async (arg: string, io: Io, localTimes: LoadFeedOptions): Promise<boolean> => {
  try {
    const file = resolveScenarioArg(arg)
    let kind: Kind
    try {
      kind = await detectKind(file)
    } catch (e) {
      throw new ScenarioInvalid({ file, issues: [{ path: "", message: describeReadError(e) }] })
    }
    if (kind === "feed") {
      const feed = await loadFeed(file, localTimes)
      io.stdout.write(`${describeFeed(feed, localTimes.localTimeZone)}\n`)
      return true
    }
    if (localTimes.localTimeZone !== undefined)
      io.stderr.write(
        `${file}: --time-zone reads feed files given here; a scenario's demand.feed is read in its demand.feedTimeZone\n`
      )
    const loaded = await loadScenario(file)
    const { scenario } = loaded
    let feed: LoadedFeed | undefined
    // A store window (sqlite:…, kafka://…) is read when the scenario runs, not here.
    if (scenario.demand.feed !== undefined && !isStoreSpec(scenario.demand.feed)) {
      feed = await loadFeed(scenario.demand.feed, feedFileOptions(scenario))
      const issues = feedAreaIssues(feed, scenario)
      if (issues.length > 0) throw new FeedInvalid({ file: feed.file, issues })
    }
    io.stdout.write(`${describeScenario(file, scenario, feed)}\n`)
    writeWarnings(io, file, scenarioWarnings(loaded, feed?.incidents))
    return true
  } catch (e) {
    if (!isInputInvalid(e)) throw e
    io.stderr.write(`${e.message}\n`)
    return false
  }
}

export const validate: Command = {
  name: "validate",
  summary: "check scenario or feed files and say what they contain, or every problem",
  help: `Usage: igv validate FILE...
       igv validate --presets

Checks each file, telling scenarios (JSON or YAML) from recorded feeds (NDJSON or CSV) by
extension and content. For a valid file it prints what it holds (areas, staffing, demand,
rules; or incidents by priority and area, and which personal-data fields were dropped).
Otherwise it prints every problem with the file, line and JSON path, and exits with code 2.
For a valid scenario it also warns, on stderr, of every setting that has no effect or
contradicts another, and of hours of the week where the calls offered reach the patrols on
duty (see "Warnings" in services/cli/README.md); warnings do not change the exit code.
A FILE may also be a preset's name; --presets lists the presets and checks them all.

Options:
  --presets           check every preset
${FEED_TIME_ZONE_HELP}.
                      It applies to the feed files given; a scenario's demand.feed is read in its
                      demand.feedTimeZone.

Examples:
  igv validate simulations/scenarios/lpo-mid-proposed.yaml
  igv validate --presets
  igv validate simulations/feeds/sample.ndjson simulations/feeds/sample.csv
  igv validate export-from-excel.csv --time-zone Europe/Stockholm

Exit codes: 0 all valid, 2 a file has problems, 1 anything else.`,
  options: { presets: { type: "boolean" }, "time-zone": { type: "string" } },
  positionals: { min: 0, max: Number.MAX_SAFE_INTEGER },
  run: async ({ values, positionals }, io) => {
    const files = flag(values, "presets") ? presetNames().map((n) => `${PRESET_DIR}${n}.yaml`) : positionals
    if (files.length === 0)
      throw new UsageError(
        flag(values, "presets") ? `no presets found in ${PRESET_DIR}` : "give one or more files to check"
      )
    const localTimes = feedTimeZoneOption(values)
    let ok = true
    for (const file of files) ok = (await validateOne(file, io, localTimes)) && ok
    return ok ? EXIT_OK : EXIT_BAD_INPUT
  }
}
