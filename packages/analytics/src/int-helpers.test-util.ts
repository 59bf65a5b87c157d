import { randomBytes } from "node:crypto"
import { command, connectAnalytics, isReachable, type Analytics } from "./client.js"
import { sql } from "./sql.js"

export const CLICKHOUSE_URL = process.env["CLICKHOUSE_URL"] ?? "http://127.0.0.1:8123"

/**
 * A fresh database on the real server for one test file. When the server is down the test fails
 * with a message naming the start script (never skips silently): in CI and locally alike.
 */
export const freshAnalytics = async (label: string): Promise<Analytics> => {
  const database = `igv_test_${label}_${randomBytes(4).toString("hex")}`
  const a = connectAnalytics({ url: CLICKHOUSE_URL, database })
  let up = false
  try { up = await isReachable(a) } catch { up = false }
  if (!up) {
    await a.close()
    throw new Error(`ClickHouse is not answering on ${CLICKHOUSE_URL}: start it with infra/clickhouse/start.sh (or set CLICKHOUSE_URL)`)
  }
  return a
}

export const dropDatabase = async (a: Analytics): Promise<void> => {
  await command(a, sql`DROP DATABASE IF EXISTS ${a.db}`)
  await a.close()
}
