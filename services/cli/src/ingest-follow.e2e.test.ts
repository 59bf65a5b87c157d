import { spawn } from "node:child_process"
import { mkdtemp } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { collect } from "@igv/event-store"
import {
  decodeRow,
  eventIdOf,
  feedEventOf,
  openQuarantine,
  openStoreUrl,
  publishFeedLines,
  syntheticFeedLines
} from "@igv/ingest"
import { kafkaBrokers, requireKafka } from "@igv/test-env"
import { buildCli, cliMain } from "./e2e-harness.test-util.js"

const brokers = [...kafkaBrokers]

let dir: string
beforeAll(async () => {
  // A Kafka test fails, never skips, when no broker answers.
  await requireKafka(brokers)
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-follow-e2e-"))
}, 300_000)

/** Runs `igv ingest --follow` until `until` holds, then stops it with SIGTERM; resolves to its exit code and output. */
async function follow(args: string[], until: () => Promise<boolean>) {
  const child = spawn(process.execPath, [cliMain, "ingest", "--follow", ...args], { cwd: dir })
  let stdout = "",
    stderr = ""
  child.stdout.on("data", (d) => (stdout += d))
  child.stderr.on("data", (d) => (stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  const deadline = Date.now() + 120_000
  while (!(await until())) {
    if (Date.now() > deadline) {
      child.kill("SIGKILL")
      throw new Error(`follow did not get there in time; stderr:\n${stderr}`)
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  child.kill("SIGTERM")
  return { code: await exited, stdout, stderr }
}

describe("igv ingest --follow", () => {
  it("stores a live topic's rows, quarantines the bad ones, stops cleanly on SIGTERM, and resumes where it committed", async () => {
    const topic = `igv-follow-e2e-${process.pid}-${Date.now().toString(36)}`
    const lines = [...syntheticFeedLines({ incidents: 500, seed: 12 })]
    lines.splice(100, 0, `{"type":"PatrolCleared","at":"2024-03-01T10:00:00"}`)
    lines.splice(700, 0, `{"type":"IncidentRegistered","prio":9}`)
    const ids = new Set(
      lines.flatMap((l, i) => {
        const o = decodeRow(i + 1, l)
        return o.kind === "event" ? [eventIdOf(o.event)] : []
      })
    )
    expect(await publishFeedLines(`kafka://${brokers.join(",")}/${topic}`, lines)).toBe(lines.length)

    const db = join(dir, "follow.db")
    const storeArgs = ["--from", `kafka://${brokers.join(",")}/${topic}`, "--store", `sqlite:${db}`, "--json"]
    const stored = async () => {
      const store = await openStoreUrl(db)
      try {
        return (await collect(store.readAll())).filter((e) => feedEventOf(e) !== undefined).map((e) => e.id)
      } finally {
        await store.close()
      }
    }
    const first = await follow(storeArgs, async () => (await stored().catch(() => [])).length >= ids.size)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stderr).toContain(`following kafka://${brokers.join(",")}/${topic}`)
    const counts = JSON.parse(first.stdout)
    expect(counts).toMatchObject({ read: lines.length, stored: ids.size, quarantined: 2, balanced: true })
    expect(new Set(await stored())).toEqual(ids)

    // Restarted with the same group: the offsets were committed after storing, so nothing comes again.
    const started = Date.now()
    const second = await follow(storeArgs, async () => Date.now() - started > 8_000)
    expect(second.code, second.stderr).toBe(0)
    expect(JSON.parse(second.stdout)).toMatchObject({ read: 0, stored: 0 })
    expect((await stored()).length).toBe(ids.size)
  })

  it("reads rows' local times in the zone --time-zone names; an hour the clocks repeat goes to the quarantine", async () => {
    const topic = `igv-follow-local-${process.pid}-${Date.now().toString(36)}`
    const row = (id: string, at: string) =>
      JSON.stringify({ id, registeredAt: at, area: "lpo1", prio: 2, onSceneMinutes: 30 })
    const lines = [row("HR-1", "2024-07-02 10:00"), row("HR-2", "2024-10-27T02:30:00")]
    expect(await publishFeedLines(`kafka://${brokers.join(",")}/${topic}`, lines)).toBe(2)
    const db = join(dir, "follow-local.db")
    /** The registrations stored, and how many rows are in the quarantine. */
    const stored = async () => {
      const store = await openStoreUrl(db)
      try {
        const registered = (await collect(store.readAll())).flatMap((e) => {
          const event = feedEventOf(e)
          return event?._tag === "IncidentRegistered" ? [event.t] : []
        })
        return { registered, quarantined: (await openQuarantine(store)).length }
      } finally {
        await store.close()
      }
    }
    const args = ["--from", `kafka://${brokers.join(",")}/${topic}`, "--store", `sqlite:${db}`, "--json"]
    const run = await follow([...args, "--time-zone", "Europe/Stockholm"], async () => {
      const now = await stored().catch(() => ({ registered: [], quarantined: 0 }))
      return now.registered.length + now.quarantined >= 2
    })
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ read: 2, stored: 1, quarantined: 1, balanced: true })
    expect(await stored()).toEqual({ registered: [Date.UTC(2024, 6, 2, 8) / 60_000], quarantined: 1 })
  })
})
