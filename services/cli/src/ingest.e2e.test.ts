import { spawn } from "node:child_process"
import { createWriteStream, statSync } from "node:fs"
import { mkdtemp, readFile, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { collect } from "@igv/event-store"
import {
  decodeFeedRow,
  eventIdOf,
  feedEventOf,
  openQuarantine,
  openStoreUrl,
  syntheticFeedLines,
  type QuarantineEntry
} from "@igv/ingest"
import { readFeed } from "@igv/runner"
import { buildCli, cliMain, runIgv } from "./e2e-harness.test-util.js"

const igv = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  runIgv(args, { cwd: dir, env: { ...process.env, IGV_DECODE_WORKER: "0", ...env } })

let dir: string
beforeAll(async () => {
  await buildCli()
  dir = await mkdtemp(join(tmpdir(), "igv-ingest-e2e-"))
}, 300_000)

/** A feed with a bad row every `badEvery` lines (rotating through kinds of mistakes). */
async function writeFeed(path: string, incidents: number, badEvery: number): Promise<void> {
  const bad = [
    `{"type":"IncidentRegistered","at":"2024-10-27T02:30:00","incident":"X","area":"lpo1","prio":1,"onSceneMinutes":5,"unitsNeeded":1}`,
    `{"type":"PatrolDispatched","at":"2024-03-01T10:00:00+01:00","incident":"X","patrol":"lpo1/igv/1","prio":4}`,
    `{"type":"PatrolCleared","at":"2024-03-01T10:00:00+01:00"}`,
    `not json`
  ]
  const out = createWriteStream(path)
  let n = 0,
    buffer = ""
  for (const line of syntheticFeedLines({ incidents, seed: 5, personalDataShare: 0.2 })) {
    n++
    buffer +=
      (n % badEvery === 0 ? `${bad[(n / badEvery) % bad.length]!.replace('"X"', `"X${n}"`)}\n` : "") + line + "\n"
    if (buffer.length > 1 << 20) {
      out.write(buffer)
      buffer = ""
    }
  }
  out.write(buffer)
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
}

/** What the file should leave in the store: the ids of its valid events and the lines of its bad rows. */
async function expectedOf(path: string) {
  const { createReadStream } = await import("node:fs")
  const ids = new Set<string>()
  const badLines: number[] = []
  const reading = await readFeed(createReadStream(path) as AsyncIterable<Buffer>)
  for await (const row of reading.rows) {
    const o = decodeFeedRow(row, reading.format)
    if (o.kind === "event") ids.add(eventIdOf(o.event))
    else badLines.push(o.row.line)
  }
  return { ids, badLines }
}

async function storeContents(db: string) {
  const store = await openStoreUrl(db)
  try {
    const all = await collect(store.readAll())
    const quarantine: QuarantineEntry[] = await openQuarantine(store)
    return { feedIds: all.filter((e) => feedEventOf(e) !== undefined).map((e) => e.id), quarantine }
  } finally {
    await store.close()
  }
}

describe("igv ingest", () => {
  it("killed with SIGKILL in the middle of a large file, then rerun: the store holds the file's valid events exactly once", async () => {
    const feed = join(dir, "big.ndjson")
    await writeFeed(feed, 40_000, 997)
    const expected = await expectedOf(feed)
    const db = join(dir, "killed.db")

    // Decoding in a worker thread here (the other tests decode in-thread): the kill takes both threads down.
    const child = spawn(process.execPath, [cliMain, "ingest", feed, "--store", `sqlite:${db}`, "--batch", "500"], {
      cwd: dir,
      stdio: "ignore",
      env: { ...process.env, IGV_DECODE_WORKER: "1" }
    })
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)))
    // Kill once a good part (but not all) of the file is in: the WAL grows as batches commit.
    const deadline = Date.now() + 60_000
    for (;;) {
      const size = (() => {
        try {
          return statSync(`${db}-wal`).size + statSync(db).size
        } catch {
          return 0
        }
      })()
      if (size > 3 << 20 || Date.now() > deadline) break
      await new Promise((r) => setTimeout(r, 20))
    }
    child.kill("SIGKILL")
    expect(await exited).toBe("SIGKILL")

    const partial = await storeContents(db)
    // The kill really was mid-file.
    expect(partial.feedIds.length).toBeGreaterThan(0)
    expect(partial.feedIds.length).toBeLessThan(expected.ids.size)

    const rerun = await igv(["ingest", feed, "--store", `sqlite:${db}`, "--json"], { IGV_DECODE_WORKER: "1" })
    expect(rerun.code, rerun.stderr).toBe(0)
    const summary = JSON.parse(rerun.stdout)
    expect(summary.balanced).toBe(true)
    expect(summary.read).toBe(expected.ids.size + expected.badLines.length)
    expect(summary.stored).toBe(expected.ids.size - partial.feedIds.length)
    expect(summary.duplicates).toBe(partial.feedIds.length)
    expect(summary.quarantined).toBe(expected.badLines.length)

    const final = await storeContents(db)
    expect(final.feedIds.length).toBe(expected.ids.size)
    expect(new Set(final.feedIds)).toEqual(expected.ids)
    expect(final.quarantine.map((q) => q.line).sort((a, b) => a - b)).toEqual(expected.badLines)
    expect(summary.droppedFields.callerName).toBeGreaterThan(0)
  })

  it("bad rows go to the quarantine, are listed, corrected and resubmitted; a re-ingest stores nothing twice", async () => {
    const feed = join(dir, "small.ndjson")
    await writeFeed(feed, 300, 100)
    const db = `sqlite:${join(dir, "small.db")}`
    const first = await igv(["ingest", feed, "--store", db])
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/read\s+1212/)
    expect(first.stdout).toMatch(/quarantined\s+12/)
    expect(first.stdout).toMatch(/balance\s+ok: read 1212 = stored 1200 \+ duplicates 0 \+ quarantined 12/)
    expect(first.stdout).toContain(`see the quarantine: igv quarantine list --store ${db};`)
    expect(first.stdout).toMatch(/dropped \(values never kept\): (callerName|address) \(\d+\), (callerName|address)/)

    const again = await igv(["ingest", feed, "--store", db, "--json"])
    expect(JSON.parse(again.stdout)).toMatchObject({
      read: 1212,
      stored: 0,
      duplicates: 1200,
      quarantined: 12,
      alreadyQuarantined: 12,
      balanced: true
    })

    const listed = await igv(["quarantine", "list", "--store", db])
    expect(listed.stdout).toMatch(/12 row\(s\) in the quarantine/)
    expect(listed.stdout).toContain(`${feed}:100: prio: expected 1, 2 or 3\n`)
    expect(listed.stdout).toMatch(/offset/)
    const entries = (await igv(["quarantine", "list", "--store", db, "--json"])).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as QuarantineEntry)
    expect(entries).toHaveLength(12)
    // Correct the rows without an offset; leave the rest.
    const fixable = entries.filter((e) => e.reason.includes("offset"))
    expect(fixable.length).toBeGreaterThan(0)
    const fixes = join(dir, "fixes.ndjson")
    await writeFile(
      fixes,
      fixable
        .map((e) => JSON.stringify({ quarantineId: e.quarantineId, raw: e.raw.replace("02:30:00", "02:30:00+02:00") }))
        .join("\n")
    )
    const resubmitted = await igv(["quarantine", "resubmit", fixes, "--store", db])
    expect(resubmitted.code, resubmitted.stdout + resubmitted.stderr).toBe(0)
    expect(resubmitted.stdout).toContain(`resolved ${fixable.length} (0 of them were already stored), still rejected 0`)
    const left = (await igv(["quarantine", "list", "--store", db, "--json"])).stdout.trim().split("\n")
    expect(left).toHaveLength(12 - fixable.length)
    const retry = await igv(["quarantine", "resubmit", "--all", "--store", db])
    expect(retry.code).toBe(1)
    expect(retry.stdout).toContain(`resolved 0 (0 of them were already stored), still rejected ${12 - fixable.length}`)
  })

  it("an incident id registered by an earlier ingest with other content is quarantined, and history counts the first", async () => {
    const row = (prio: number, minutes: number, extra = "") =>
      `{"id":"HR-7","registeredAt":"2024-03-25T12:00:00+01:00","area":"lpo1","prio":${prio},"onSceneMinutes":${minutes}${extra}}`
    const other = `{"id":"HR-8","registeredAt":"2024-03-25T13:00:00+01:00","area":"lpo1","prio":2,"onSceneMinutes":30}`
    const first = join(dir, "dup-first.ndjson"),
      second = join(dir, "dup-second.ndjson")
    await writeFile(first, `${row(3, 20)}\n${other}\n`)
    await writeFile(second, `${other}\n${row(1, 600, ',"callerName":"Anna Andersson"')}\n`)
    const db = `sqlite:${join(dir, "dup.db")}`
    expect((await igv(["ingest", first, "--store", db])).code).toBe(0)
    // The second run decodes in a worker thread: registrations cross to the store writer with the batch.
    const later = await igv(["ingest", second, "--store", db, "--json"], { IGV_DECODE_WORKER: "1" })
    expect(JSON.parse(later.stdout)).toMatchObject({
      read: 2,
      stored: 0,
      duplicates: 1,
      quarantined: 1,
      balanced: true
    })

    const listed = await igv(["quarantine", "list", "--store", db])
    expect(listed.stdout).toContain(`${second}:2: id registered earlier with different content (event feed-`)
    expect(listed.stdout).not.toContain("Anna")
    const history = JSON.parse((await igv(["history", "--store", db, "--json"])).stdout) as {
      response: Record<string, { count: number }>
    }
    expect([1, 2, 3].map((p) => history.response[String(p)]!.count)).toEqual([0, 1, 1])
  })

  it("pseudonymises incident ids when IGV_PSEUDONYM_KEY is set: no raw id in the store file", async () => {
    const feed = join(dir, "pseudo.ndjson")
    await writeFeed(feed, 50, 10)
    const dbFile = join(dir, "pseudo.db")
    const r = await igv(["ingest", feed, "--store", `sqlite:${dbFile}`], { IGV_PSEUDONYM_KEY: "test-key" })
    expect(r.code).toBe(0)
    expect(r.stderr).toContain("incident ids pseudonymised")
    const bytes =
      (await readFile(dbFile)).toString("latin1") +
      (await readFile(`${dbFile}-wal`).catch(() => Buffer.alloc(0))).toString("latin1")
    expect(bytes).not.toMatch(/HR-5-\d/)
    expect(bytes).not.toContain("Anna Andersson")
    expect(bytes).toMatch(/p-[0-9a-f]{32}/)
  })

  it("reads a spreadsheet's local times with --time-zone, in a worker thread or not; the hours the clocks skip or repeat go to the quarantine", async () => {
    // Exported from a spreadsheet set to Swedish: semicolons, decimal commas, local times without an offset.
    const rows = [
      "HR-1;2024-03-25 10:00;lpo1;2;12,5", // winter: +01:00
      "HR-2;2024-07-01 10:00:30;lpo1;3;20", // summer: +02:00
      "HR-3;2024-03-31 02:30;lpo1;3;20", // the clocks skipped it
      "HR-4;2024-10-27 02:30;lpo1;1;20", // the clocks showed it twice
      "HR-5;2024-10-27 01:59;lpo1;9;20" // a bad priority: quarantined, its time kept with its offset
    ]
    await writeFile(join(dir, "export.csv"), `id;registeredAt;area;prio;onSceneMinutes\n${rows.join("\n")}\n`)
    const without = await igv(["validate", "export.csv"])
    expect(without.code).toBe(2)
    // Each row's first problem: the time for four, the priority for the fifth.
    expect(without.stderr.match(/at registeredAt: not an ISO 8601 timestamp with an offset/g)).toHaveLength(4)

    const validated = await igv(["validate", "export.csv", "--time-zone", "Europe/Stockholm"])
    expect(validated.code).toBe(2)
    expect(validated.stderr.trim().split("\n")).toEqual([
      "export.csv:4: at registeredAt: a local time in the hour Europe/Stockholm skips when the clocks go forward, so no clock showed it; check it, or give its offset",
      "export.csv:5: at registeredAt: a local time in the hour Europe/Stockholm repeats when the clocks go back, so it happened twice; give its offset (+02:00 the first time, +01:00 the second)",
      "export.csv:6: at prio: expected 1, 2 or 3"
    ])
    // The description gives the times in the zone they were written in.
    await writeFile(
      join(dir, "export-good.csv"),
      `id;registeredAt;area;prio;onSceneMinutes\n${rows.slice(0, 2).join("\n")}\n`
    )
    const good = await igv(["validate", "export-good.csv", "--time-zone", "Europe/Stockholm"])
    expect(good.stdout).toContain("2 incidents from 2024-03-25T10:00:00+01:00 to 2024-07-01T10:00:30+02:00")
    expect((await igv(["validate", "export.csv", "--time-zone", "Europe/Stockolm"])).stderr).toMatch(
      /--time-zone: unknown time zone "Europe\/Stockolm"/
    )

    for (const worker of ["0", "1"]) {
      const db = `sqlite:${join(dir, `local-${worker}.db`)}`
      const ingested = await igv(["ingest", "export.csv", "--store", db, "--time-zone", "Europe/Stockholm", "--json"], {
        IGV_DECODE_WORKER: worker
      })
      expect(JSON.parse(ingested.stdout)).toMatchObject({ read: 5, stored: 2, quarantined: 3, balanced: true })
      const stored = (await collect((await openStoreUrl(db)).readAll())).map((e) => e.payload as { t: number })
      expect(stored.map((e) => e.t)).toEqual([
        Date.UTC(2024, 2, 25, 9) / 60_000,
        Date.UTC(2024, 6, 1, 8, 0, 30) / 60_000
      ])
      const entries = (await igv(["quarantine", "list", "--store", db, "--json"])).stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as QuarantineEntry)
      expect(entries.map((e) => e.raw)).toEqual([
        "HR-3,2024-03-31 02:30,lpo1,3,20",
        "HR-4,2024-10-27 02:30,lpo1,1,20",
        "HR-5,2024-10-27 01:59+02:00,lpo1,9,20"
      ])
      // Corrected as the reasons ask, they resubmit without the zone.
      const fixes = join(dir, `fixes-${worker}.ndjson`)
      await writeFile(
        fixes,
        [
          { quarantineId: entries[1]!.quarantineId, raw: entries[1]!.raw.replace("02:30", "02:30+01:00") },
          { quarantineId: entries[2]!.quarantineId, raw: entries[2]!.raw.replace(",9,", ",2,") }
        ]
          .map((f) => JSON.stringify(f))
          .join("\n")
      )
      const resubmitted = await igv(["quarantine", "resubmit", fixes, "--store", db])
      expect(resubmitted.stdout).toContain("resolved 2 (0 of them were already stored), still rejected 0")
    }
  })

  it("rejects a missing file and an unreadable command line with exit code 2", async () => {
    expect((await igv(["ingest", join(dir, "nope.ndjson")])).code).toBe(2)
    expect((await igv(["ingest"])).code).toBe(2)
    expect((await igv(["ingest", "--follow"])).code).toBe(2)
    expect((await igv(["quarantine", "purge"])).code).toBe(2)
    // A header that can never give a valid row is refused, whether decoding runs in a worker thread or not.
    await writeFile(join(dir, "bad-header.csv"), "incident,when\nHR-1,2024-03-01T08:00:00+01:00\n")
    for (const worker of ["0", "1"]) {
      const badHeader = await igv(["ingest", "bad-header.csv", "--store", `sqlite:${join(dir, "header.db")}`], {
        IGV_DECODE_WORKER: worker
      })
      expect(badHeader.code).toBe(2)
      expect(badHeader.stderr).toMatch(
        /bad-header\.csv: line 1: the CSV header lacks columns id, registeredAt, area, prio, onSceneMinutes/
      )
    }
  })
})
