import {
  appliedVersions,
  connectAnalytics,
  DEFAULT_CLICKHOUSE_URL,
  DEFAULT_DATABASE,
  isReachable,
  MIGRATIONS,
  type Analytics
} from "@igv/analytics"
import { stringOption } from "../args.js"
import { UsageError, type OptionValues } from "../command.js"
import { cliEnvironment } from "../environment.js"

export const CONNECTION_HELP = `  --clickhouse URL    the ClickHouse HTTP endpoint (default: $IGV_CLICKHOUSE_URL, else ${DEFAULT_CLICKHOUSE_URL})
  --database DB       the database the tables live in (default: $IGV_CLICKHOUSE_DATABASE, else ${DEFAULT_DATABASE})
                      (ClickHouse's user and password: $IGV_CLICKHOUSE_USER, else default, and $IGV_CLICKHOUSE_PASSWORD)`

const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Where to connect, from the command line or the environment, checked before any request is made. */
export const connectionOf = (
  values: OptionValues
): { readonly url: string; readonly database: string; readonly username?: string; readonly password?: string } => {
  const env = cliEnvironment()
  const url = stringOption(values, "clickhouse") ?? env.clickhouseUrl ?? DEFAULT_CLICKHOUSE_URL
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new UsageError(`--clickhouse "${url}" is not a URL (expected e.g. ${DEFAULT_CLICKHOUSE_URL})`)
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new UsageError(`--clickhouse "${url}" must be an http:// or https:// URL (ClickHouse's HTTP interface)`)
  }
  const database = stringOption(values, "database") ?? env.clickhouseDatabase ?? DEFAULT_DATABASE
  if (!DATABASE_NAME.test(database))
    throw new UsageError(`--database "${database}" must be letters, digits and underscores, not starting with a digit`)
  return {
    url,
    database,
    ...(env.clickhouseUser === undefined ? {} : { username: env.clickhouseUser }),
    ...(env.clickhousePassword === undefined ? {} : { password: env.clickhousePassword })
  }
}

/** Opens the connection and checks the server answers, so an unreachable server gets one clear line. */
export const openAnalytics = async (values: OptionValues): Promise<Analytics> => {
  const connection = connectionOf(values)
  const { url } = connection
  const a = connectAnalytics(connection)
  let reachable = false
  try {
    reachable = await isReachable(a)
  } catch {
    reachable = false
  }
  if (!reachable) {
    await a.close()
    throw new Error(`ClickHouse does not answer at ${url} (start a local one with: bash infra/clickhouse/start.sh)`)
  }
  return a
}

/** Refuses to read or write a database whose schema is behind this build: the user runs migrate first. */
export const requireMigrated = async (a: Analytics): Promise<void> => {
  let done: ReadonlyArray<number>
  try {
    done = await appliedVersions(a)
  } catch {
    done = []
  }
  const missing = MIGRATIONS.map((m) => m.version).filter((v) => !done.includes(v))
  if (missing.length > 0) {
    throw new Error(
      `database ${a.database} is not migrated (missing schema version${missing.length > 1 ? "s" : ""} ${missing.join(", ")}): run igv analytics migrate first`
    )
  }
}

/** True when the command line or the environment names a ClickHouse (for commands that store into it only when asked). */
export const clickHouseConfigured = (values: OptionValues): boolean => {
  const env = cliEnvironment()
  return (
    stringOption(values, "clickhouse") !== undefined ||
    stringOption(values, "database") !== undefined ||
    env.clickhouseUrl !== undefined ||
    env.clickhouseDatabase !== undefined
  )
}

/** Opens a migrated database when one is configured, checked before any work; undefined when none is. */
export const openConfiguredAnalytics = async (values: OptionValues): Promise<Analytics | undefined> => {
  if (!clickHouseConfigured(values)) return undefined
  const a = await openAnalytics(values)
  await requireMigrated(a).catch(async (e: unknown) => {
    await a.close()
    throw e
  })
  return a
}
