import { ClickHouseLogLevel, createClient, type ClickHouseClient } from "@clickhouse/client"
import { databaseIdent, type Sql } from "./sql.js"

export const DEFAULT_CLICKHOUSE_URL = "http://127.0.0.1:8123"
export const DEFAULT_DATABASE = "igv"

export interface AnalyticsOptions {
  /** Default: env CLICKHOUSE_URL, else http://127.0.0.1:8123. */
  readonly url?: string
  /** Default: env CLICKHOUSE_DATABASE, else "igv". Created by migrate(). */
  readonly database?: string
  readonly username?: string
  readonly password?: string
  /** gzip over HTTP; off by default because the server is local and both ends share two cores. */
  readonly compression?: boolean
  readonly requestTimeoutMs?: number
}

/** A connection to ClickHouse plus the database every table of this package lives in. */
export interface Analytics {
  readonly client: ClickHouseClient
  readonly database: string
  /** The database as a trusted identifier for SQL text. */
  readonly db: Sql
  close(): Promise<void>
}

/**
 * Works with Debian's ClickHouse 18.16 and current releases alike: the client sends no settings the
 * old server rejects as long as queries avoid `query_params` (18.16 answers "Unknown setting param_x";
 * values are written with formatLiteral instead) and formats are limited to JSONEachRow / JSON / CSV / TSV.
 * No `database` is set on the connection because the database may not exist yet; every table name is qualified.
 */
export const connectAnalytics = (options: AnalyticsOptions = {}): Analytics => {
  const database = options.database ?? process.env["CLICKHOUSE_DATABASE"] ?? DEFAULT_DATABASE
  const db = databaseIdent(database)
  const compression = options.compression ?? false
  const client = createClient({
    url: options.url ?? process.env["CLICKHOUSE_URL"] ?? DEFAULT_CLICKHOUSE_URL,
    username: options.username ?? process.env["CLICKHOUSE_USER"] ?? "default",
    password: options.password ?? process.env["CLICKHOUSE_PASSWORD"] ?? "",
    compression: { request: compression, response: compression },
    request_timeout: options.requestTimeoutMs ?? 120_000,
    // Failures reach the caller as rejections; the client's own logging would print each one a second time.
    log: { level: ClickHouseLogLevel.OFF }
  })
  return { client, database, db, close: () => client.close() }
}

/** Runs a SELECT and returns its rows (JSONEachRow). 64-bit integers arrive as strings: convert in the caller. */
export const selectRows = async <T>(a: Analytics, query: Sql): Promise<Array<T>> => {
  const rs = await a.client.query({ query: query.text, format: "JSONEachRow" })
  return rs.json<T>()
}

export const command = async (a: Analytics, query: Sql): Promise<void> => {
  await a.client.command({ query: query.text })
}

/** True when the server answers `SELECT 1`. */
export const isReachable = async (a: Analytics): Promise<boolean> => {
  const r = await a.client.ping()
  return r.success
}
