import { Context, Effect, Layer, ManagedRuntime, Schema } from "effect"
import type { FastifyInstance } from "fastify"
import { parseInstant, type Report } from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import { openStore } from "@igv/event-store-url"
import { withQuarantine } from "@igv/ingest"
import { summarizeReplications } from "@igv/metrics"
import { connectAnalytics, migrate, startFeedSink, type Analytics, type FeedSink } from "@igv/analytics"
import { exportRun } from "./analytics/export.js"
import { analyticsRoutes } from "./analytics/routes.js"
import { KeyRing } from "./auth/keys.js"
import { RateLimiter } from "./auth/rate-limit.js"
import { ApiConfig, ApiConfigLive, type ApiConfigShape, type Limits } from "./config.js"
import { feedRoutes } from "./feed/routes.js"
import { historyRoutes } from "./history/routes.js"
import { openApiDocument } from "./http/openapi.js"
import { ok, route, type Answer, type Route } from "./http/route.js"
import { loopDelayMonitor, type LoopDelay } from "./http/loop-delay.js"
import { createHttpServer } from "./http/server.js"
import { keyRoutes } from "./keys/routes.js"
import { readPool } from "./reads/read-pool.js"
import type { WindowReads } from "./reads/window-reads.js"
import { workerExecutor, type RunExecutor } from "./runs/executor.js"
import { runRoutes } from "./runs/routes.js"
import { RunService } from "./runs/service.js"
import { checkRunWork } from "./scenarios/limits.js"
import { scenarioRoutes } from "./scenarios/routes.js"
import { ScenarioService } from "./scenarios/service.js"
import { webRoutes } from "./web/routes.js"

export class Store extends Context.Tag("@igv/api/Store")<Store, EventStore>() {}
export class Runs extends Context.Tag("@igv/api/Runs")<Runs, RunService>() {}
/** ClickHouse, when IGV_CLICKHOUSE_URL is set: the connection and the sink that follows the store into it. */
export class AnalyticsService extends Context.Tag("@igv/api/Analytics")<AnalyticsService, { readonly analytics: Analytics; readonly sink: FeedSink } | undefined>() {}
export class Scenarios extends Context.Tag("@igv/api/Scenarios")<Scenarios, ScenarioService>() {}
export class Reads extends Context.Tag("@igv/api/Reads")<Reads, WindowReads>() {}

/** The configured event store, closed when the layer is released. */
export const StoreLive = Layer.scoped(Store, Effect.gen(function* () {
  const config = yield* ApiConfig
  return yield* Effect.acquireRelease(
    // The feed routes ingest and page the quarantine, so the store carries ingest's.
    Effect.promise(async () => withQuarantine(await openStore(config.store), config.store)),
    (store) => Effect.promise(() => store.close())
  )
}))

/** Connects, migrates and starts the feed sink; released in reverse. Absent without IGV_CLICKHOUSE_URL. */
export const AnalyticsLive = Layer.scoped(AnalyticsService, Effect.gen(function* () {
  const config = yield* ApiConfig
  const store = yield* Store
  if (config.clickhouseUrl === undefined) return undefined
  const url = config.clickhouseUrl
  const analytics = yield* Effect.acquireRelease(
    Effect.promise(async () => {
      const a = connectAnalytics({ url, ...(config.clickhouseDatabase === undefined ? {} : { database: config.clickhouseDatabase }) })
      await migrate(a)
      return a
    }),
    (a) => Effect.promise(() => a.close())
  )
  const sink = yield* Effect.acquireRelease(
    Effect.promise(() => startFeedSink({ store, analytics })),
    (s) => Effect.promise(() => s.close().catch(() => undefined))
  )
  return { analytics, sink }
}))

/** The read threads (history reports, runs' feed windows), each with its own connection; closed on release. */
export const ReadsLive = Layer.scoped(Reads, Effect.gen(function* () {
  const config = yield* ApiConfig
  const store = yield* Store
  return yield* Effect.acquireRelease(
    Effect.sync(() => readPool({ storeUrl: config.store, store, threads: config.readThreads, heapMb: config.runHeapMb })),
    (reads) => Effect.promise(() => reads.close())
  )
}))

export const ScenariosLive = Layer.effect(Scenarios, Effect.map(Store, (store) => new ScenarioService(store)))

/** The run pool: recovers the runs a previous process left, and on release drains or hands back what executes. */
export const RunsLive = (executor?: RunExecutor) => Layer.scoped(Runs, Effect.gen(function* () {
  const config = yield* ApiConfig
  const store = yield* Store
  const scenarios = yield* Scenarios
  const clickhouse = yield* AnalyticsService
  const reads = yield* Reads
  const service = new RunService({
    store,
    executor: executor ?? workerExecutor(config.workersPerRun, config.runHeapMb),
    loadScenario: async (id, version) => {
      const v = await scenarios.get(id, version)
      return v === undefined ? undefined : ScenarioService.decode(v)
    },
    readIncidents: (w) => reads.incidents({ from: parseInstant(w.from)!, to: parseInstant(w.to)!, ...(w.area === undefined ? {} : { area: w.area }) }),
    summarize: (reports: ReadonlyArray<Report>) => (reports.length === 1 ? reports[0] : summarizeReplications(reports)),
    checkWork: (scenario, replications, replayed) => checkRunWork(scenario, replications, config.limits, { calls: "body.feed", events: "body.feed" }, replayed),
    concurrentRuns: config.concurrentRuns,
    queueCapacity: config.queueCapacity,
    maxAttempts: config.maxAttempts,
    ...(clickhouse === undefined ? {} : {
      fullLogs: true,
      onCompleted: (run, scenario, output) => exportRun(clickhouse.analytics, run, scenario, output),
      onCompletedError: (run, e) => process.stderr.write(`run ${run.runId}: export to ClickHouse failed: ${e instanceof Error ? e.message : String(e)}\n`)
    })
  })
  yield* Effect.acquireRelease(
    Effect.promise(() => service.recover()),
    () => Effect.promise(() => service.shutdown(config.shutdownGraceMs))
  )
  return service
}))

export const AppLayer = (overrides: Parameters<typeof ApiConfigLive>[0] = {}, executor?: RunExecutor) => {
  const config = ApiConfigLive(overrides)
  const store = StoreLive.pipe(Layer.provide(config))
  const scenarios = ScenariosLive.pipe(Layer.provide(store))
  const analytics = AnalyticsLive.pipe(Layer.provide(Layer.mergeAll(config, store)))
  const reads = ReadsLive.pipe(Layer.provide(Layer.mergeAll(config, store)))
  const runs = RunsLive(executor).pipe(Layer.provide(Layer.mergeAll(config, store, scenarios, analytics, reads)))
  return Layer.mergeAll(config, store, scenarios, analytics, reads, runs)
}

const HealthBody = Schema.Struct({
  status: Schema.Literal("ok"),
  store: Schema.String,
  analytics: Schema.Boolean,
  runs: Schema.Struct({ queued: Schema.Number, executing: Schema.Number }),
  /** How late the event loop ran over the last 10 s window. */
  eventLoopDelay: Schema.Struct({ windowSeconds: Schema.Number, p50Ms: Schema.Number, p99Ms: Schema.Number, maxMs: Schema.Number })
})

export const allRoutes = (deps: {
  config: ApiConfigShape; store: EventStore; scenarios: ScenarioService; runs: RunService; keys: KeyRing; reads: WindowReads
  analytics?: Analytics | undefined; loopDelay?: () => LoopDelay
}): ReadonlyArray<Route> => {
  const { config, store, scenarios, runs, keys, reads, analytics } = deps
  const loopDelay = deps.loopDelay ?? (() => ({ windowSeconds: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 }))
  const limits: Limits = config.limits
  const routes: Array<Route> = [
    route({
      method: "GET", url: "/health", tag: "service", permission: "public",
      summary: "Liveness, the store kind and the run queue",
      responses: { 200: { description: "Up", schema: HealthBody } },
      handler: async () => ok({ status: "ok", store: config.store.startsWith("kafka://") ? "kafka" : "sqlite", analytics: config.clickhouseUrl !== undefined, runs: runs.queueDepth(), eventLoopDelay: loopDelay() })
    }),
    ...keyRoutes(keys),
    ...scenarioRoutes(scenarios, limits),
    ...runRoutes({ runs, scenarios, limits, store }),
    ...historyRoutes(store, reads, limits.scenarioDays),
    ...feedRoutes(store, reads, limits, { pseudonymKey: config.pseudonymKey, requirePseudonyms: config.requirePseudonyms }),
    ...(analytics === undefined ? [] : analyticsRoutes(analytics)),
    ...webRoutes()
  ]
  let document: string | undefined
  const docs: Route = route({
    method: "GET", url: "/docs", tag: "service", permission: "docs:read",
    summary: "This OpenAPI 3.1 document, generated from the schemas that validate requests",
    responses: { 200: { description: "OpenAPI document" } },
    handler: async (): Promise<Answer> => ({ status: 200, json: (document ??= JSON.stringify(openApiDocument([...routes, docs], { title: "IGV planning API", version: "0.1.0" }))) })
  })
  routes.push(docs, route({ ...docs, url: "/docs/openapi.json", summary: "The same OpenAPI document" }))
  return routes
}

export interface ApiServer {
  readonly app: FastifyInstance
  /** Present when ClickHouse is configured. */
  readonly clickhouse: { readonly analytics: Analytics; readonly sink: FeedSink } | undefined
  readonly config: ApiConfigShape
  readonly store: EventStore
  readonly runs: RunService
  readonly keys: KeyRing
  /** Graceful: stop accepting, let requests finish, drain or hand back runs, close the store. */
  close(): Promise<void>
}

/** Builds the service from the layers; `listen` is the caller's (main.ts, tests on port 0). */
export const createApi = async (
  overrides: Parameters<typeof ApiConfigLive>[0] = {},
  options: { readonly executor?: RunExecutor; readonly logStream?: NodeJS.WritableStream } = {}
): Promise<ApiServer> => {
  const { executor } = options
  const runtime = ManagedRuntime.make(AppLayer(overrides, executor))
  const { config, store, scenarios, runs, reads, clickhouse } = await runtime.runPromise(
    Effect.all({ config: ApiConfig, store: Store, scenarios: Scenarios, runs: Runs, reads: Reads, clickhouse: AnalyticsService })
  )
  const keys = new KeyRing(store)
  await keys.refresh()
  const loopDelay = loopDelayMonitor()
  const app = createHttpServer(allRoutes({ config, store, scenarios, runs, keys, reads, analytics: clickhouse?.analytics, loopDelay: loopDelay.read }), {
    keys, rateLimiter: new RateLimiter(config.ratePerSecond, config.rateBurst), limits: config.limits, logRequests: config.logRequests,
    ...(options.logStream === undefined ? {} : { logStream: options.logStream })
  })
  let closing: Promise<void> | undefined
  return {
    app, config, store, runs, keys, clickhouse,
    close: () => (closing ??= app.close().then(() => runtime.dispose()).finally(() => loopDelay.stop()))
  }
}
