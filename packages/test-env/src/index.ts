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
