import { randomBytes } from "node:crypto"
import { command, connectAnalytics, isReachable, type Analytics } from "./client.js"
import { sql } from "./sql.js"
import { clickhouseUrl } from "@igv/test-env"

export const CLICKHOUSE_URL = clickhouseUrl

/**
 * A fresh database on the real server for one test file. When the server is down the test fails
 * with a message naming the start script (never skips silently): in CI and locally alike.
 */
export const freshAnalytics = async (label: string): Promise<Analytics> => {
  const database = `igv_test_${label}_${randomBytes(4).toString("hex")}`
  const a = connectAnalytics({ url: CLICKHOUSE_URL, database })
  let up = false
  try {
    up = await isReachable(a)
  } catch {
    up = false
  }
  if (!up) {
    await a.close()
    throw new Error(
      `ClickHouse is not answering on ${CLICKHOUSE_URL}: start it with infra/clickhouse/start.sh (or set CLICKHOUSE_URL)`
    )
  }
  return a
}

/** Drops the test database; a no-op when setup failed before there was one (the setup's error is the one to see). */
export const dropDatabase = async (a: Analytics | undefined): Promise<void> => {
  if (a === undefined) return
  await command(a, sql`DROP DATABASE IF EXISTS ${a.db}`)
  await a.close()
}

/**
 * A TCP relay to the ClickHouse server. `cut()` drops every connection and refuses new ones: to the client
 * on the far side it looks exactly like the process's network (or the process) dying mid-request.
 */
export const relayToClickHouse = async (): Promise<{ url: string; cut: () => Promise<void> }> => {
  const { createServer, connect } = await import("node:net")
  const target = new URL(CLICKHOUSE_URL)
  const sockets = new Set<import("node:net").Socket>()
  const server = createServer((down) => {
    const up = connect(Number(target.port || 8123), target.hostname)
    for (const s of [down, up]) {
      sockets.add(s)
      s.on("close", () => sockets.delete(s))
      s.on("error", () => undefined)
    }
    down.pipe(up)
    up.pipe(down)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.address() as import("node:net").AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const s of sockets) s.destroy()
      await closed
    }
  }
}
