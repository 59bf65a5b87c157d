import { Schema } from "effect"
import {
  formatInstant,
  isInt,
  isMaxLength,
  isMinLength,
  isNonNegative,
  isPositive,
  Priority,
  ReplicatedReport,
  Report
} from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import { unknownAreaProblem } from "@igv/ingest"
import { lintScenario } from "@igv/runner"
import { horizonOf } from "@igv/simulator"
import type { Limits } from "../config.js"
import { ApiError, limitExceeded, notFound } from "../errors.js"
import {
  IdParams,
  instantParam,
  NumberFromString,
  Page,
  PageQuery,
  pageSize,
  parseCursor,
  timeDescription
} from "../http/common.js"
import { ok, route, type Route } from "../http/route.js"
import { checkRunWork } from "../scenarios/limits.js"
import { ScenarioService } from "../scenarios/service.js"
import { compareRuns, ComparisonBody } from "./comparison.js"
import { Warnings } from "../scenarios/warnings.js"
import { FeedWindow, InterruptionRow } from "./events.js"
import { RunStatus, type RunState } from "./lifecycle.js"
import type { RunService } from "./service.js"
import { storedInterruptions } from "./stored-interruptions.js"

export const RunRequestBody = Schema.Struct({
  scenarioId: Schema.String.check(isMinLength(1), isMaxLength(64)),
  /** Latest when omitted. */
  version: Schema.optionalKey(Schema.Number.check(isInt, isPositive)),
  /** The scenario's seed when omitted. */
  seed: Schema.optionalKey(Schema.Number.check(isInt, isNonNegative)),
  /** The scenario's replications when omitted. */
  replications: Schema.optionalKey(Schema.Number.check(isInt, isPositive)),
  /** Replay this window of the stored feed; without it the scenario's synthetic demand runs. */
  feed: Schema.optionalKey(FeedWindow)
}).annotate({ identifier: "RunRequest" })

export const RunStatusBody = Schema.Struct({
  id: Schema.String,
  scenarioId: Schema.String,
  version: Schema.Number,
  seed: Schema.Number,
  replications: Schema.Number,
  feed: Schema.optionalKey(FeedWindow),
  status: RunStatus,
  attempts: Schema.Number,
  progress: Schema.Struct({ done: Schema.Number, total: Schema.Number }),
  requestedBy: Schema.String,
  requestedAt: Schema.String,
  startedAt: Schema.optionalKey(Schema.String),
  finishedAt: Schema.optionalKey(Schema.String),
  /** Why it failed. */
  reason: Schema.optionalKey(Schema.String),
  cancelledBy: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "RunStatus" })

export const RunReport = Schema.Union([Report, ReplicatedReport]).annotate({
  identifier: "RunReport",
  description: "The CLI's --json contract: a Report, or a ReplicatedReport when replications > 1"
})

export const InterruptionBody = Schema.Struct({
  ...InterruptionRow.fields,
  /** Local time with offset, in the scenario's time zone. */
  at: Schema.String,
  tag: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "Interruption" })

const PrioFromString = NumberFromString.pipe(Schema.decodeTo(Priority))
const InterruptionQuery = Schema.Struct({
  area: Schema.optionalKey(Schema.String),
  prio: Schema.optionalKey(PrioFromString),
  patrol: Schema.optionalKey(Schema.String),
  tag: Schema.optionalKey(Schema.String.annotate({ description: "a planned block's tag, e.g. a citizen-promise id" })),
  from: Schema.optionalKey(Schema.String.annotate({ description: timeDescription("inclusive") })),
  to: Schema.optionalKey(Schema.String.annotate({ description: timeDescription("exclusive") })),
  replication: Schema.optionalKey(
    NumberFromString.check(isInt, isNonNegative).annotate({
      description: "which replication's interruptions, 0 (the run's own seed) by default"
    })
  ),
  ...PageQuery
})
const RunListQuery = Schema.Struct({
  status: Schema.optionalKey(RunStatus),
  scenarioId: Schema.optionalKey(Schema.String),
  ...PageQuery
})
const Flag = Schema.optionalKey(Schema.Literals(["true", "false"]))
const CompareQuery = Schema.Struct({
  runs: Schema.String.annotate({ description: "two run ids, comma-separated: a,b (deltas are b − a)" }),
  allowDifferent: Flag.annotate({
    description:
      "compare runs that do not see the same calls (start, horizon, time zone, areas or feed window differ), unpaired"
  }),
  attribute: Flag.annotate({
    description:
      "split b − a into each changed setting's own effect (b's value alone on a's scenario, paired) and the interaction; runs a's replications once more per setting"
  })
})

export const statusBody = ({ runId, resultStream: _r, ...run }: RunState) => ({ id: runId, ...run })

export interface RunRouteDeps {
  readonly runs: RunService
  readonly scenarios: ScenarioService
  readonly limits: Limits
  /** The store a feed window is replayed from: asked which areas it holds. */
  readonly store: EventStore
}

const ERR_404 = { description: "No such run" }
const ERR_409 = { description: "The run is not completed (or already finished, for cancel)" }

export const runRoutes = ({ runs, scenarios, limits, store }: RunRouteDeps): ReadonlyArray<Route> => {
  const mustGet = (id: string) => {
    const run = runs.get(id)
    if (run === undefined) throw notFound(`run ${id}`, "params.id")
    return run
  }
  const cancel = route({
    method: "POST",
    url: "/runs/:id/cancel",
    tag: "runs",
    permission: "run:write",
    summary: "Cancel a queued or executing run",
    params: IdParams,
    responses: { 200: { description: "The cancelled run", schema: RunStatusBody }, 404: ERR_404, 409: ERR_409 },
    handler: async ({ params, principal }) => ok(statusBody(await runs.cancel(params.id, principal.keyId)))
  })
  return [
    route({
      method: "POST",
      url: "/runs",
      tag: "runs",
      permission: "run:write",
      summary: "Queue a run of a scenario version; answers at once with its id",
      body: RunRequestBody,
      responses: {
        202: {
          description: "Queued, with the scenario linter's warnings",
          schema: Schema.Struct({ ...RunStatusBody.fields, warnings: Warnings })
        },
        404: { description: "No such scenario or version" },
        503: { description: "The run queue is full; see Retry-After" }
      },
      handler: async ({ body, principal }) => {
        const version = await scenarios.get(body.scenarioId, body.version)
        if (version === undefined)
          throw notFound(
            `scenario ${body.scenarioId}${body.version === undefined ? "" : ` version ${body.version}`}`,
            body.version === undefined ? "body.scenarioId" : "body.version"
          )
        const scenario = ScenarioService.decode(version)
        const replications = body.replications ?? scenario.replications
        if (replications > limits.replications)
          throw limitExceeded("replications", limits.replications, "body.replications", replications)
        const blamed = body.replications === undefined ? "body.scenarioId" : "body.replications"
        checkRunWork(scenario, replications, limits, { calls: blamed, events: blamed })
        if (body.feed !== undefined) {
          const from = instantParam(body.feed.from, "body.feed.from")!,
            to = instantParam(body.feed.to, "body.feed.to")!
          if (to <= from)
            throw new ApiError(400, "invalid_request", "the feed window must end after it starts", "body.feed.to")
          // The simulator replays only incidents inside the scenario's horizon.
          const { startT, endT } = horizonOf(scenario)
          if (to <= startT || from >= endT) {
            throw new ApiError(
              400,
              "invalid_request",
              `the feed window lies outside the scenario's horizon (${scenario.days} days from ${scenario.start}); nothing would be replayed`,
              "body.feed"
            )
          }
          const area = body.feed.area
          if (area !== undefined && !scenario.areas.some((a) => a.id === area)) {
            throw new ApiError(
              400,
              "invalid_request",
              `area ${JSON.stringify(area.slice(0, 40))} is not declared in the scenario (declared: ${scenario.areas.map((a) => a.id).join(", ")})`,
              "body.feed.area"
            )
          }
          const unknownArea = area === undefined ? undefined : await unknownAreaProblem(store, area)
          if (unknownArea !== undefined) throw new ApiError(400, "invalid_request", unknownArea, "body.feed.area")
        } else if (scenario.demand.synthetic.length === 0) {
          throw new ApiError(
            400,
            "invalid_request",
            "the scenario has no synthetic demand; give a feed window to replay",
            "body.feed"
          )
        }
        const run = await runs.submit({
          scenarioId: version.id,
          version: version.version,
          seed: body.seed ?? scenario.seed,
          replications,
          // The window is kept with offsets, however it was written (a date is local midnight when asked).
          ...(body.feed === undefined
            ? {}
            : {
                feed: {
                  ...body.feed,
                  from: formatInstant(instantParam(body.feed.from, "body.feed.from")!),
                  to: formatInstant(instantParam(body.feed.to, "body.feed.to")!)
                }
              }),
          requestedBy: principal.keyId
        })
        const warnings = lintScenario(scenario, body.feed === undefined ? {} : { replayed: "unknown" })
        return { status: 202, body: { ...statusBody(run), warnings }, headers: { location: `/runs/${run.runId}` } }
      }
    }),
    route({
      method: "GET",
      url: "/runs",
      tag: "runs",
      permission: "run:read",
      summary: "Runs, newest first, optionally of one scenario or in one status",
      query: RunListQuery,
      responses: { 200: { description: "A page of runs", schema: Page(RunStatusBody, "RunPage") } },
      handler: async ({ query }) => {
        const size = pageSize(query.limit, limits)
        const offset = Number(parseCursor(query.cursor))
        const all = runs
          .list()
          .filter(
            (r) =>
              (query.status === undefined || r.status === query.status) &&
              (query.scenarioId === undefined || r.scenarioId === query.scenarioId)
          )
        const items = all.slice(offset, offset + size).map(statusBody)
        return ok({ items, ...(offset + size < all.length ? { nextCursor: String(offset + size) } : {}) })
      }
    }),
    route({
      method: "GET",
      url: "/runs/:id",
      tag: "runs",
      permission: "run:read",
      summary: "Status and progress of a run",
      params: IdParams,
      responses: { 200: { description: "The run", schema: RunStatusBody }, 404: ERR_404 },
      handler: async ({ params }) => ok(statusBody(mustGet(params.id)))
    }),
    route({
      method: "GET",
      url: "/runs/:id/report",
      tag: "runs",
      permission: "run:read",
      summary: "The report of a completed run (the CLI's JSON contract)",
      params: IdParams,
      responses: { 200: { description: "The report", schema: RunReport }, 404: ERR_404, 409: ERR_409 },
      handler: async ({ params }) => ({ status: 200, json: await runs.reportJson(params.id) })
    }),
    route({
      method: "GET",
      url: "/runs/:id/interruptions",
      tag: "runs",
      permission: "run:read",
      summary:
        "Every interruption of planned time in one replication of the run (the first by default), filtered (area, priority, patrol, tag, time) and paged",
      params: IdParams,
      query: InterruptionQuery,
      responses: {
        200: {
          description: "A page of interruptions in time order",
          schema: Page(InterruptionBody, "InterruptionPage")
        },
        404: ERR_404,
        409: ERR_409
      },
      handler: async ({ params, query }) => {
        const size = pageSize(query.limit, limits)
        const offset = Number(parseCursor(query.cursor))
        const from = instantParam(query.from, "query.from"),
          to = instantParam(query.to, "query.to")
        const rows = await storedInterruptions(runs, params.id, query.replication ?? 0)
        const matching = rows.filter(
          (row) =>
            (query.area === undefined || row.area === query.area) &&
            (query.prio === undefined || row.prio === query.prio) &&
            (query.patrol === undefined || row.patrol === query.patrol) &&
            (query.tag === undefined || row.tag === query.tag) &&
            (from === undefined || row.t >= from) &&
            (to === undefined || row.t < to)
        )
        const items = matching.slice(offset, offset + size)
        return ok({ items, ...(offset + size < matching.length ? { nextCursor: String(offset + size) } : {}) })
      }
    }),
    route({
      method: "DELETE",
      url: "/runs/:id",
      tag: "runs",
      permission: "run:write",
      summary: "Cancel a queued or executing run (same as POST /runs/:id/cancel)",
      params: IdParams,
      responses: cancel.responses,
      handler: cancel.handler
    }),
    cancel,
    route({
      method: "GET",
      url: "/compare",
      tag: "runs",
      permission: "run:read",
      summary:
        "Two completed runs side by side: what differs, deltas (b − a) and whether each is significant; optionally attributed to each setting",
      query: CompareQuery,
      responses: {
        200: { description: "The comparison", schema: ComparisonBody },
        400: { description: "The runs do not see the same calls (without allowDifferent), or cannot be attributed" },
        404: ERR_404,
        409: ERR_409,
        503: { description: "Another attribution is running; see Retry-After" }
      },
      handler: async ({ query }) => {
        const ids = query.runs
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== "")
        if (ids.length !== 2)
          throw new ApiError(400, "invalid_request", "runs must name exactly two run ids: runs=a,b", "query.runs")
        return ok(
          await compareRuns({ runs, scenarios, limits }, [ids[0]!, ids[1]!], {
            allowDifferent: query.allowDifferent === "true",
            attribute: query.attribute === "true"
          })
        )
      }
    })
  ]
}
