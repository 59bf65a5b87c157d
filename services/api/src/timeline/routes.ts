import { Schema, Struct } from "effect"
import {
  DEFAULT_TIME_ZONE,
  isInt,
  isNonNegative,
  PatrolKind,
  Priority,
  type Scenario,
  UnstaffedReason
} from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import { unknownAreaProblem } from "@igv/ingest"
import type { TimelineFilter } from "@igv/metrics"
import { unknownPatrol } from "@igv/runner"
import { ApiError, conflict, notFound } from "../errors.js"
import { IdParams, instantParam, NumberFromString, timeDescription } from "../http/common.js"
import { ok, route, type Route } from "../http/route.js"
import { sameInterruptions } from "../reads/timeline.js"
import type { WindowReads } from "../reads/window-reads.js"
import { InterruptionBody } from "../runs/routes.js"
import type { RunService } from "../runs/service.js"
import { storedInterruptions } from "../runs/stored-interruptions.js"
import { ScenarioService } from "../scenarios/service.js"

/** A Gantt chart shows a day or a week: the window is bounded so one request stays a picture, not a dump. */
export const TIMELINE_MAX_DAYS = 7
/** History is read this far on each side of the window, so bars that cross its edges are drawn whole (a shift, a block, a job). */
const HISTORY_MARGIN_MINUTES = 24 * 60

const Job = Schema.Struct({
  patrol: Schema.String,
  incident: Schema.String,
  prio: Priority,
  area: Schema.optionalKey(Schema.String.annotate({ description: "the call's area, whose rules it follows" })),
  registeredT: Schema.optionalKey(Schema.Number),
  dispatchedT: Schema.Number,
  onSceneT: Schema.optionalKey(Schema.Number),
  clearedT: Schema.optionalKey(Schema.Number),
  recalled: Schema.optionalKey(Schema.Literal(true)),
  endT: Schema.Number
}).annotate({
  identifier: "TimelineJob",
  description: "one patrol's part in one call, times in minutes since the epoch"
})

export const TimelineBody = Schema.Struct({
  source: Schema.String.annotate({ description: "what the timeline shows: a run's replication, or a stored window" }),
  timeZone: Schema.String,
  from: Schema.Number,
  to: Schema.Number,
  patrols: Schema.Array(Schema.Struct({ patrol: Schema.String, area: Schema.String, kind: PatrolKind })),
  shifts: Schema.Array(
    Schema.Struct({
      patrol: Schema.String,
      area: Schema.String,
      kind: PatrolKind,
      startT: Schema.Number,
      endT: Schema.Number
    })
  ),
  planned: Schema.Array(
    Schema.Struct({
      block: Schema.String,
      area: Schema.String,
      patrol: Schema.optionalKey(Schema.String),
      tag: Schema.optionalKey(Schema.String),
      startT: Schema.Number,
      endT: Schema.Number,
      unstaffed: Schema.optionalKey(UnstaffedReason)
    }).annotate({
      description: "a planned block as scheduled, one per patrol asked for; without a patrol it was unstaffed (and why)"
    })
  ),
  blocks: Schema.Array(
    Schema.Struct({
      patrol: Schema.String,
      block: Schema.String,
      tag: Schema.optionalKey(Schema.String),
      startT: Schema.Number,
      endT: Schema.Number
    }).annotate({ description: "an uninterrupted stretch of a planned block" })
  ),
  jobs: Schema.Array(Job),
  interruptions: Schema.Array(
    Schema.Struct({
      ...Struct.omit(InterruptionBody.fields, ["at"]),
      at: Schema.optionalKey(Schema.String),
      call: Schema.optionalKey(Job)
    })
  )
}).annotate({ identifier: "PatrolTimeline" })

const TimelineQuery = Schema.Struct({
  from: Schema.String.annotate({ description: timeDescription("inclusive") }),
  to: Schema.String.annotate({
    description: `${timeDescription("exclusive")}; at most ${TIMELINE_MAX_DAYS} days after from`
  }),
  patrol: Schema.optionalKey(
    Schema.String.annotate({ description: "patrol ids, comma-separated; every patrol when omitted" })
  ),
  area: Schema.optionalKey(Schema.String)
})
type TimelineQuery = typeof TimelineQuery.Type

const RunTimelineQuery = Schema.Struct({
  ...TimelineQuery.fields,
  replication: Schema.optionalKey(
    NumberFromString.check(isInt, isNonNegative).annotate({
      description: "which replication, 0 (the run's own seed) by default"
    })
  )
})

const filterOf = (query: TimelineQuery): Required<Pick<TimelineFilter, "from" | "to">> & TimelineFilter => {
  const from = instantParam(query.from, "query.from")!,
    to = instantParam(query.to, "query.to")!
  if (to <= from) throw new ApiError(400, "invalid_request", "the window must end after it starts", "query.to")
  if (to - from > TIMELINE_MAX_DAYS * 1440)
    throw new ApiError(400, "limit_exceeded", `a timeline spans at most ${TIMELINE_MAX_DAYS} days`, "query.to")
  const patrols = query.patrol
    ?.split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "")
  return {
    from,
    to,
    ...(patrols === undefined ? {} : { patrols }),
    ...(query.area === undefined ? {} : { area: query.area })
  }
}

/** An area or patrol the run's scenario does not have is a typo: refused, not drawn as an empty chart. */
const checkAgainstScenario = (scenario: Scenario, filter: TimelineFilter): void => {
  const areas: ReadonlyArray<string> = scenario.areas.map((a) => a.id)
  if (filter.area !== undefined && !areas.includes(filter.area))
    throw new ApiError(
      400,
      "invalid_request",
      `the run's scenario has no area ${JSON.stringify(filter.area.slice(0, 40))} (its areas: ${areas.join(", ")})`,
      "query.area"
    )
  const unknown = unknownPatrol(scenario, filter.patrols ?? [])
  if (unknown !== undefined)
    throw new ApiError(
      400,
      "invalid_request",
      `the run's scenario has no patrol ${JSON.stringify(unknown.patrol.slice(0, 40))} (patrols are named area/kind/slot, e.g. ${unknown.known[0] ?? "lpo1/igv/0"})`,
      "query.patrol"
    )
}

export interface TimelineRouteDeps {
  readonly runs: RunService
  readonly scenarios: ScenarioService
  readonly reads: WindowReads
  readonly store: EventStore
}

export const timelineRoutes = ({ runs, scenarios, reads, store }: TimelineRouteDeps): ReadonlyArray<Route> => [
  route({
    method: "GET",
    url: "/runs/:id/timeline",
    tag: "runs",
    permission: "run:read",
    summary:
      `A Gantt chart's data for one replication of the run (0 by default): per patrol, shifts, planned-block stretches, jobs by priority and the ` +
      `interruptions with their calls, over a window of at most ${TIMELINE_MAX_DAYS} days (the replication is simulated again on its seed)`,
    params: IdParams,
    query: RunTimelineQuery,
    responses: {
      200: { description: "The timeline", schema: TimelineBody },
      404: { description: "No such run" },
      409: { description: "The run is not completed, or was made by a simulator that draws it differently now" }
    },
    handler: async ({ params, query }) => {
      const filter = filterOf(query)
      const replication = query.replication ?? 0
      const stored = await storedInterruptions(runs, params.id, replication)
      const run = runs.get(params.id)!
      const version = await scenarios.get(run.scenarioId, run.version)
      if (version === undefined) throw notFound(`scenario ${run.scenarioId} version ${run.version}`, "params.id")
      const scenario = ScenarioService.decode(version)
      checkAgainstScenario(scenario, filter)
      const feed =
        run.feed === undefined
          ? undefined
          : {
              from: instantParam(run.feed.from, "feed.from")!,
              to: instantParam(run.feed.to, "feed.to")!,
              ...(run.feed.area === undefined ? {} : { area: run.feed.area })
            }
      const timeline = await reads.timeline({
        source: "run",
        scenario,
        seed: run.seed,
        replication,
        ...(feed === undefined ? {} : { feed }),
        filter
      })
      // The run's stored rows are the record: a simulator that has changed since would draw something else.
      if (!sameInterruptions(stored, timeline, filter)) {
        throw conflict(
          `run ${params.id} was made by another version of the simulator: simulated again, its interruptions differ from the stored ones, ` +
            "so its timeline cannot be drawn; run the scenario again",
          "params.id"
        )
      }
      return ok({
        source: `run ${params.id} · ${run.scenarioId} v${run.version} · replication ${replication}`,
        timeZone: scenario.timeZone,
        from: filter.from,
        to: filter.to,
        ...timeline
      })
    }
  }),
  route({
    method: "GET",
    url: "/history/timeline",
    tag: "history",
    permission: "history:read",
    summary:
      `A Gantt chart's data for what really happened in a stored window of at most ${TIMELINE_MAX_DAYS} days: per patrol, shifts, ` +
      "planned-block stretches, jobs by priority and the interruptions with their calls, from the recorded events " +
      "(read a day beyond each edge, so bars that cross an edge are drawn whole)",
    query: TimelineQuery,
    responses: { 200: { description: "The timeline", schema: TimelineBody } },
    handler: async ({ query }) => {
      const filter = filterOf(query)
      const unknownArea = query.area === undefined ? undefined : await unknownAreaProblem(store, query.area)
      if (unknownArea !== undefined) throw new ApiError(400, "invalid_request", unknownArea, "query.area")
      const timeline = await reads.timeline({
        source: "history",
        window: {
          from: filter.from - HISTORY_MARGIN_MINUTES,
          to: filter.to + HISTORY_MARGIN_MINUTES,
          ...(filter.area === undefined ? {} : { area: filter.area })
        },
        filter
      })
      return ok({ source: "history", timeZone: DEFAULT_TIME_ZONE, from: filter.from, to: filter.to, ...timeline })
    }
  })
]
