import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { selectRows, type Analytics } from "./client.js"
import { dropDatabase, freshAnalytics } from "./int-helpers.test-util.js"
import { appliedVersions, migrate, MIGRATIONS } from "./migrations.js"
import { sql } from "./sql.js"
import { TABLES } from "./tables.js"

describe("migrations on the real server", () => {
  let a: Analytics
  beforeAll(async () => {
    a = await freshAnalytics("migrations")
  })
  afterAll(async () => {
    await dropDatabase(a)
  })

  const tablesNow = async () =>
    (
      await selectRows<{ name: string }>(
        a,
        sql`SELECT name FROM system.tables WHERE database = ${a.database} ORDER BY name`
      )
    ).map((r) => r.name)

  it("creates every table from an empty server and records each version", async () => {
    expect(await tablesNow()).toEqual([])
    const first = await migrate(a)
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.version))
    expect(first.alreadyApplied).toEqual([])
    expect(await tablesNow()).toEqual(Object.values(TABLES).sort())
    expect(await appliedVersions(a)).toEqual(MIGRATIONS.map((m) => m.version))
  })

  it("does nothing when run again, and leaves one record per version", async () => {
    const again = await migrate(a)
    expect(again.applied).toEqual([])
    expect(again.alreadyApplied).toEqual(MIGRATIONS.map((m) => m.version))
    const rows = await selectRows<{ n: string }>(a, sql`SELECT count() AS n FROM ${a.db}.schema_migrations`)
    expect(Number(rows[0]!.n)).toBe(MIGRATIONS.length)
  })

  it("finishes a migration that was cut off after some of its statements", async () => {
    const last = MIGRATIONS[MIGRATIONS.length - 1]!
    // sweep_points is made by the last migration, as if it had been cut off before its last statement.
    await a.client.command({ query: `DROP TABLE ${a.database}.${TABLES.sweepPoints}` })
    await a.client.command({
      query: `ALTER TABLE ${a.database}.schema_migrations DELETE WHERE version = ${last.version}`
    })
    // Mutations are asynchronous on 18.16; wait until the record is gone.
    for (let i = 0; i < 100 && (await appliedVersions(a)).includes(last.version); i++)
      await new Promise((r) => setTimeout(r, 100))
    const resumed = await migrate(a)
    expect(resumed.applied).toEqual([last.version])
    expect(await tablesNow()).toEqual(Object.values(TABLES).sort())
  })

  it("refuses a database written by a newer schema", async () => {
    await a.client.insert({
      table: `${a.database}.schema_migrations`,
      values: [{ version: 999, name: "future", applied_at: 0 }],
      format: "JSONEachRow"
    })
    await expect(migrate(a)).rejects.toThrow(/999/)
  })
})
