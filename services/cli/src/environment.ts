import { PSEUDONYM_KEY_ENV } from "@igv/ingest"

/** What `igv` takes from the environment, each where no option says otherwise. */
export interface CliEnvironment {
  /** IGV_STORE: the event store without --store. */
  readonly store: string | undefined
  /** IGV_CLICKHOUSE_URL and IGV_CLICKHOUSE_DATABASE: ClickHouse without --clickhouse and --database. */
  readonly clickhouseUrl: string | undefined
  readonly clickhouseDatabase: string | undefined
  /** IGV_CLICKHOUSE_USER and IGV_CLICKHOUSE_PASSWORD: ClickHouse's user ("default" when unset) and password (none). */
  readonly clickhouseUser: string | undefined
  readonly clickhousePassword: string | undefined
  /** IGV_PSEUDONYM_KEY: incident ids of ingested feeds are replaced by keyed pseudonyms. */
  readonly pseudonymKey: string | undefined
  /** IGV_DECODE_WORKER: `1` decodes ingested files in a worker thread, `0` in-thread; unset (or else) lets ingest choose. */
  readonly decodeWorker: boolean | undefined
}

const onOff = (value: string | undefined): boolean | undefined =>
  value === "1" ? true : value === "0" ? false : undefined

/** The one place the CLI reads environment variables; one set to the empty string counts as unset, as in the API. */
export const cliEnvironment = (env: NodeJS.ProcessEnv = process.env): CliEnvironment => {
  const read = (name: string): string | undefined => {
    const value = env[name]
    return value === undefined || value === "" ? undefined : value
  }
  return {
    store: read("IGV_STORE"),
    clickhouseUrl: read("IGV_CLICKHOUSE_URL"),
    clickhouseDatabase: read("IGV_CLICKHOUSE_DATABASE"),
    clickhouseUser: read("IGV_CLICKHOUSE_USER"),
    clickhousePassword: read("IGV_CLICKHOUSE_PASSWORD"),
    pseudonymKey: read(PSEUDONYM_KEY_ENV),
    decodeWorker: onOff(read("IGV_DECODE_WORKER"))
  }
}
