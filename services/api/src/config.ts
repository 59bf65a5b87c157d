import { Config, Effect, Option } from "effect"
import { availableParallelism } from "node:os"
import { DEFAULT_STORE_URL } from "@igv/event-store-url"

/** Bounds every request must respect; each is named in the 400 that reports it. */
export interface Limits {
  readonly bodyBytes: number
  readonly pageSize: number
  readonly scenarioAreas: number
  readonly scenarioPatrols: number
  readonly scenarioDays: number
  readonly replications: number
  /** Expected synthetic calls of a run, all replications together (Σ perDay × days × replications, profile-weighted). */
  readonly runCalls: number
  /** Expected simulation events of a run, all replications together (calls with their units, shifts, planned blocks). */
  readonly runEvents: number
}

export interface ApiConfigShape {
  readonly host: string
  readonly port: number
  /** `sqlite:./data/igv.db` (embedded default) or `kafka://host:port/...`. */
  readonly store: string
  /** ClickHouse HTTP URL; analytics routes exist only when set. */
  readonly clickhouseUrl: string | undefined
  /** ClickHouse database (default "igv"). */
  readonly clickhouseDatabase: string | undefined
  /** ClickHouse user and password (default "default", none). */
  readonly clickhouseUser: string | undefined
  readonly clickhousePassword: string | undefined
  /** Runs executing at once; each uses `workersPerRun` worker threads. */
  readonly concurrentRuns: number
  readonly workersPerRun: number
  /** Heap ceiling of each run thread and each of its replication threads, MB; a run over it fails, the service stays up. */
  readonly runHeapMb: number
  /** Worker threads that read and fold windows of the store (history reports, a run's feed window). */
  readonly readThreads: number
  /** Runs waiting beyond the executing ones; a full queue answers 503. */
  readonly queueCapacity: number
  /** How often a restart may re-run an interrupted run before it is marked failed. */
  readonly maxAttempts: number
  /** How long a graceful shutdown lets executing runs finish before handing them back to the queue. */
  readonly shutdownGraceMs: number
  /** Token bucket per API key. */
  readonly ratePerSecond: number
  readonly rateBurst: number
  readonly limits: Limits
  readonly logRequests: boolean
  /** IGV_PSEUDONYM_KEY: incident ids of ingested feeds are replaced by keyed pseudonyms. */
  readonly pseudonymKey: string | undefined
  /** IGV_REQUIRE_PSEUDONYMS=true: feed ingest is refused while no pseudonym key is set. */
  readonly requirePseudonyms: boolean
}

const int = (name: string, fallback: number) => Config.Int(name).pipe(Config.withDefault(fallback))
/** An optional setting; set to the empty string it counts as unset. */
const optionalString = (name: string) =>
  Config.option(Config.String(name)).pipe(Config.map((o) => Option.getOrUndefined(Option.filter(o, (v) => v !== ""))))

/** Everything from the environment, with the embedded defaults (SQLite file under ./data, local worker pool). */
export const configFromEnv: Config.Config<ApiConfigShape> = Config.all({
  host: Config.String("IGV_HOST").pipe(Config.withDefault("127.0.0.1")),
  port: int("IGV_PORT", 8080),
  store: Config.String("IGV_STORE").pipe(Config.withDefault(DEFAULT_STORE_URL)),
  clickhouseUrl: optionalString("IGV_CLICKHOUSE_URL"),
  clickhouseDatabase: optionalString("IGV_CLICKHOUSE_DATABASE"),
  clickhouseUser: optionalString("IGV_CLICKHOUSE_USER"),
  clickhousePassword: optionalString("IGV_CLICKHOUSE_PASSWORD"),
  concurrentRuns: int("IGV_CONCURRENT_RUNS", 1),
  // One core is left to answer requests while runs execute.
  workersPerRun: int("IGV_WORKERS_PER_RUN", Math.max(1, availableParallelism() - 1)),
  runHeapMb: int("IGV_RUN_HEAP_MB", 1024),
  readThreads: int("IGV_READ_THREADS", 2),
  queueCapacity: int("IGV_RUN_QUEUE", 16),
  maxAttempts: int("IGV_RUN_ATTEMPTS", 2),
  shutdownGraceMs: int("IGV_SHUTDOWN_GRACE_MS", 10_000),
  ratePerSecond: int("IGV_RATE_PER_SECOND", 1000),
  rateBurst: int("IGV_RATE_BURST", 2000),
  limits: Config.all({
    bodyBytes: int("IGV_LIMIT_BODY_BYTES", 1_048_576),
    pageSize: int("IGV_LIMIT_PAGE_SIZE", 1000),
    scenarioAreas: int("IGV_LIMIT_AREAS", 200),
    scenarioPatrols: int("IGV_LIMIT_PATROLS", 5000),
    scenarioDays: int("IGV_LIMIT_DAYS", 732),
    replications: int("IGV_LIMIT_REPLICATIONS", 1000),
    runCalls: int("IGV_LIMIT_RUN_CALLS", 20_000_000),
    runEvents: int("IGV_LIMIT_RUN_EVENTS", 150_000_000)
  }),
  logRequests: Config.Boolean("IGV_LOG_REQUESTS").pipe(Config.withDefault(true)),
  pseudonymKey: optionalString("IGV_PSEUDONYM_KEY"),
  requirePseudonyms: Config.Boolean("IGV_REQUIRE_PSEUDONYMS").pipe(Config.withDefault(false))
})

export type ConfigOverrides = Partial<Omit<ApiConfigShape, "limits">> & { limits?: Partial<Limits> }

/** The configuration from the environment, with `overrides` (tests, embedding) on top; throws on a malformed variable. */
export const loadApiConfig = (overrides: ConfigOverrides = {}): ApiConfigShape => {
  const base = Effect.runSync(configFromEnv)
  return { ...base, ...overrides, limits: { ...base.limits, ...overrides.limits } }
}
