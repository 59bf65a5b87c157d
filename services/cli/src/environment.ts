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
}

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
    pseudonymKey: read(PSEUDONYM_KEY_ENV)
  }
}
