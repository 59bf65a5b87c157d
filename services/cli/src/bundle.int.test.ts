// The bundled igv against the shared Kafka and ClickHouse: the clients it loads only when a command first uses
// them (bundle.mjs) work as the packages themselves (bundle.e2e.test.ts covers SQLite and their absence).
import { randomBytes } from "node:crypto"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { command, connectAnalytics, selectRows, sql } from "@igv/analytics"
import { syntheticFeedLines } from "@igv/ingest"
import { Kafka, logLevel } from "kafkajs"
import { describe, expect, it } from "vitest"
import { runBundledLogged } from "./e2e-harness.test-util.js"
import { clickhouseUrl, kafkaBrokers } from "@igv/test-env"

const CLICKHOUSE = clickhouseUrl
const brokers = [...kafkaBrokers]
const unique = `${Date.now()}_${randomBytes(3).toString("hex")}`

describe("the bundled igv with the shared servers", () => {
  it("ingests into a Kafka store", async () => {
    const dir = mkdtempSync(join(tmpdir(), "igv-bundle-int-"))
    writeFileSync(join(dir, "feed.ndjson"), `${[...syntheticFeedLines({ incidents: 20, seed: 4 })].join("\n")}\n`)
    const prefix = `igv-bundle-${unique}`
    const admin = new Kafka({ clientId: "igv-bundle-int", brokers, logLevel: logLevel.NOTHING }).admin()
    await admin.connect()
    try {
      const ingested = await runBundledLogged([
        "ingest",
        join(dir, "feed.ndjson"),
        "--store",
        `kafka://${brokers[0]}/${prefix}`,
        "--json"
      ])
      expect(JSON.parse(ingested.stdout)).toMatchObject({ read: 80, stored: 80, balanced: true })
      // The quarantine beside a Kafka store is a SQLite file.
      expect(ingested.clients).toEqual(["kafkajs", "better-sqlite3"])
    } finally {
      const ours = (await admin.listTopics()).filter((t) => t.startsWith(prefix))
      if (ours.length > 0) await admin.deleteTopics({ topics: ours })
      await admin.disconnect()
    }
  }, 120_000)

  it("migrates a ClickHouse database", async () => {
    const a = connectAnalytics({ url: CLICKHOUSE, database: `igv_test_bundle_${unique}` })
    try {
      const migrated = await runBundledLogged([
        "analytics",
        "migrate",
        "--clickhouse",
        CLICKHOUSE,
        "--database",
        a.database
      ])
      expect(migrated.clients).toEqual(["@clickhouse/client"])
      const tables = await selectRows<{ n: string }>(
        a,
        sql`SELECT count() AS n FROM system.tables WHERE database = ${a.database}`
      )
      expect(Number(tables[0]!.n)).toBeGreaterThan(0)
    } finally {
      await command(a, sql`DROP DATABASE IF EXISTS ${a.db}`)
      await a.close()
    }
  }, 120_000)
})
