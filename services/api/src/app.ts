import { Schema } from "effect"
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
import { loadApiConfig, type ApiConfigShape, type ConfigOverrides, type Limits } from "./config.js"
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
import { fitRoute } from "./scenarios/fit-route.js"
import { ScenarioService } from "./scenarios/service.js"
import { timelineRoutes } from "./timeline/routes.js"
import { webRoutes } from "./web/routes.js"

/**
 * Closes what was opened, last opened first. The service is wired with plain constructors: each part is
 * opened in order and registers its closer here, so a failure half-way closes what was already open.
 */
class Closers {
  private readonly closers: Array<() => Promise<void>> = []
  add(close: () => Promise<void>): void {
    this.closers.push(close)
  }
  async closeAll(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close()
  }
}

interface Parts {
  readonly store: EventStore
  readonly scenarios: ScenarioService
  readonly reads: WindowReads
  readonly runs: RunService
  /** ClickHouse, when IGV_CLICKHOUSE_URL is set: the connection and the sink that follows the store into it. */
  readonly clickhouse: { readonly analytics: Analytics; readonly sink: FeedSink } | undefined
}

/** Connects, migrates and starts the feed sink. */
const openClickhouse = async (
  config: ApiConfigShape,
  store: EventStore,
  closers: Closers
): Promise<Parts["clickhouse"]> => {
  if (config.clickhouseUrl === undefined) return undefined
  const analytics = connectAnalytics({
    url: config.clickhouseUrl,
    ...(config.clickhouseDatabase === undefined ? {} : { database: config.clickhouseDatabase }),
    ...(config.clickhouseUser === undefined ? {} : { username: config.clickhouseUser }),
    ...(config.clickhousePassword === undefined ? {} : { password: config.clickhousePassword })
  })
  closers.add(() => analytics.close())
  await migrate(analytics)
  const sink = await startFeedSink({ store, analytics })
  closers.add(() => sink.close().catch(() => undefined))
  return { analytics, sink }
}

/** The run pool: recovers the runs a previous process left, and on close drains or hands back what executes. */
const openRuns = async (
  config: ApiConfigShape,
  parts: Omit<Parts, "runs">,
  executor: RunExecutor | undefined,
  closers: Closers
): Promise<RunService> => {
  const { store, scenarios, reads, clickhouse } = parts
  const service = new RunService({
    store,
    executor: executor ?? workerExecutor(config.workersPerRun, config.runHeapMb),
    loadScenario: async (id, version) => {
      const v = await scenarios.get(id, version)
      return v === undefined ? undefined : ScenarioService.decode(v)
    },
    readIncidents: (w) =>
      reads.incidents({
        from: parseInstant(w.from)!,
        to: parseInstant(w.to)!,
        ...(w.area === undefined ? {} : { area: w.area })
      }),
    summarize: (reports: ReadonlyArray<Report>) => (reports.length === 1 ? reports[0] : summarizeReplications(reports)),
    checkWork: (scenario, replications, replayed) =>
      checkRunWork(scenario, replications, config.limits, { calls: "body.feed", events: "body.feed" }, replayed),
    concurrentRuns: config.concurrentRuns,
    queueCapacity: config.queueCapacity,
    maxAttempts: config.maxAttempts,
    ...(clickhouse === undefined
      ? {}
      : {
          fullLogs: true,
          onCompleted: (run, scenario, output) => exportRun(clickhouse.analytics, run, scenario, output),
          onCompletedError: (run, e) =>
            process.stderr.write(
              `run ${run.runId}: export to ClickHouse failed: ${e instanceof Error ? e.message : String(e)}\n`
            )
        })
  })
  await service.recover()
  closers.add(() => service.shutdown(config.shutdownGraceMs))
  return service
}

/** Opens the store, ClickHouse (when configured), the read threads and the run pool, in that order. */
const openParts = async (
  config: ApiConfigShape,
  executor: RunExecutor | undefined,
  closers: Closers
): Promise<Parts> => {
  // The feed routes ingest and page the quarantine, so the store carries ingest's.
  const store = withQuarantine(await openStore(config.store), config.store)
  closers.add(() => store.close())
  const scenarios = new ScenarioService(store)
  const clickhouse = await openClickhouse(config, store, closers)
  const reads = readPool({ storeUrl: config.store, store, threads: config.readThreads, heapMb: config.runHeapMb })
  closers.add(() => reads.close())
  const runs = await openRuns(config, { store, scenarios, reads, clickhouse }, executor, closers)
  return { store, scenarios, reads, runs, clickhouse }
}

const HealthBody = Schema.Struct({
  status: Schema.Literal("ok"),
  store: Schema.String,
  analytics: Schema.Boolean,
  runs: Schema.Struct({ queued: Schema.Number, executing: Schema.Number }),
  /** How late the event loop ran over the last 10 s window. */
  eventLoopDelay: Schema.Struct({
    windowSeconds: Schema.Number,
    p50Ms: Schema.Number,
    p99Ms: Schema.Number,
    maxMs: Schema.Number
  })
})

export const allRoutes = (deps: {
  config: ApiConfigShape
  store: EventStore
  scenarios: ScenarioService
  runs: RunService
  keys: KeyRing
  reads: WindowReads
  analytics?: Analytics | undefined
  loopDelay?: () => LoopDelay
}): ReadonlyArray<Route> => {
  const { config, store, scenarios, runs, keys, reads, analytics } = deps
  const loopDelay = deps.loopDelay ?? (() => ({ windowSeconds: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 }))
  const limits: Limits = config.limits
  const routes: Array<Route> = [
    route({
      method: "GET",
      url: "/health",
      tag: "service",
      permission: "public",
      summary: "Liveness, the store kind and the run queue",
      responses: { 200: { description: "Up", schema: HealthBody } },
      handler: async () =>
        ok({
          status: "ok",
          store: config.store.startsWith("kafka://") ? "kafka" : "sqlite",
          analytics: config.clickhouseUrl !== undefined,
          runs: runs.queueDepth(),
          eventLoopDelay: loopDelay()
        })
    }),
    ...keyRoutes(keys),
    ...scenarioRoutes(scenarios, limits),
    fitRoute(store, scenarios, limits.scenarioDays),
    ...runRoutes({ runs, scenarios, limits, store }),
    ...historyRoutes(store, reads, limits.scenarioDays),
    ...timelineRoutes({ runs, scenarios, reads, store }),
    ...feedRoutes(store, reads, limits, {
      pseudonymKey: config.pseudonymKey,
      requirePseudonyms: config.requirePseudonyms
    }),
    ...(analytics === undefined ? [] : analyticsRoutes(analytics)),
    ...webRoutes()
  ]
  let document: string | undefined
  const docs: Route = route({
    method: "GET",
    url: "/docs",
    tag: "service",
    permission: "docs:read",
    summary: "This OpenAPI 3.1 document, generated from the schemas that validate requests",
    responses: { 200: { description: "OpenAPI document" } },
    handler: async (): Promise<Answer> => ({
      status: 200,
      json: (document ??= JSON.stringify(
        openApiDocument([...routes, docs], { title: "IGV planning API", version: "0.1.0" })
      ))
    })
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

/** Builds the service from its parts, closed in reverse order; `listen` is the caller's (main.ts, tests on port 0). */
export const createApi = async (
  overrides: ConfigOverrides = {},
  options: { readonly executor?: RunExecutor; readonly logStream?: NodeJS.WritableStream } = {}
): Promise<ApiServer> => {
  const config = loadApiConfig(overrides)
  const closers = new Closers()
  const { store, scenarios, runs, reads, clickhouse } = await openParts(config, options.executor, closers).catch(
    async (e: unknown) => {
      await closers.closeAll()
      throw e
    }
  )
  const keys = new KeyRing(store)
  await keys.refresh()
  const loopDelay = loopDelayMonitor()
  const app = createHttpServer(
    allRoutes({
      config,
      store,
      scenarios,
      runs,
      keys,
      reads,
      analytics: clickhouse?.analytics,
      loopDelay: loopDelay.read
    }),
    {
      keys,
      rateLimiter: new RateLimiter(config.ratePerSecond, config.rateBurst),
      limits: config.limits,
      logRequests: config.logRequests,
      ...(options.logStream === undefined ? {} : { logStream: options.logStream })
    }
  )
  let closing: Promise<void> | undefined
  return {
    app,
    config,
    store,
    runs,
    keys,
    clickhouse,
    close: () =>
      (closing ??= app
        .close()
        .then(() => closers.closeAll())
        .finally(() => loopDelay.stop()))
  }
}
