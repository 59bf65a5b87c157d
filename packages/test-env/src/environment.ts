/** The servers integration and end-to-end tests (and the benchmarks) talk to, and the browser they drive. */
export interface TestEnvironment {
  /** KAFKA_BROKERS (comma-separated): the project's own broker from infra/kafka unless set. */
  readonly kafkaBrokers: ReadonlyArray<string>
  /** CLICKHOUSE_URL: the project's own ClickHouse from infra/clickhouse unless set. */
  readonly clickhouseUrl: string
  /** IGV_CHROMIUM: the headless browser of the web page's tests, Debian's chromium unless set. */
  readonly chromium: string
}

/** The one place tests read environment variables; one set to the empty string counts as unset, as in the CLI and API. */
export const testEnvironment = (env: NodeJS.ProcessEnv): TestEnvironment => {
  const read = (name: string): string | undefined => {
    const value = env[name]
    return value === undefined || value === "" ? undefined : value
  }
  return {
    kafkaBrokers: (read("KAFKA_BROKERS") ?? "127.0.0.1:9092").split(",").map((b) => b.trim()),
    clickhouseUrl: read("CLICKHOUSE_URL") ?? "http://127.0.0.1:8123",
    chromium: read("IGV_CHROMIUM") ?? "/usr/bin/chromium"
  }
}

export const { kafkaBrokers, clickhouseUrl, chromium } = testEnvironment(process.env)

/** The benchmarks' knobs (`pnpm bench …`), each with the default the benchmark's README figures are measured at. */
export interface BenchEnvironment {
  /** BENCH_EVENTS: events the store and analytics benchmarks write (0 skips the analytics sink). */
  readonly events: number
  /** BENCH_BATCH: events per append in the store benchmarks. */
  readonly batch: number
  /** BENCH_PARTITIONS: the Kafka store benchmark's topic partitions. */
  readonly partitions: number
  /** BENCH_DB: the SQLite store benchmark's database file, else one in a fresh temporary folder. */
  readonly sqliteFile: string | undefined
  /** BENCH_INTERRUPTIONS: interruption rows the analytics benchmark queries (0 skips the queries). */
  readonly interruptions: number
  /** BENCH_KEEP=1: the analytics benchmark keeps its database. */
  readonly keepDatabase: boolean
  /** BENCH_NO_BACKGROUND (set to anything): the API benchmark runs no simulations in the background. */
  readonly background: boolean
}

/** The one place the benchmarks read environment variables; a count that is no whole number is refused, not guessed. */
export const benchEnvironment = (env: NodeJS.ProcessEnv = process.env): BenchEnvironment => {
  const read = (name: string): string | undefined => {
    const value = env[name]
    return value === undefined || value === "" ? undefined : value
  }
  const count = (name: string, otherwise: number): number => {
    const text = read(name)
    if (text === undefined) return otherwise
    const n = Number(text)
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, not "${text}"`)
    return n
  }
  return {
    events: count("BENCH_EVENTS", 1_000_000),
    batch: count("BENCH_BATCH", 1_000),
    partitions: count("BENCH_PARTITIONS", 8),
    sqliteFile: read("BENCH_DB"),
    interruptions: count("BENCH_INTERRUPTIONS", 10_000_000),
    keepDatabase: read("BENCH_KEEP") === "1",
    background: env["BENCH_NO_BACKGROUND"] === undefined
  }
}
