import { execFile } from "node:child_process"
import { createHash } from "node:crypto"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { Kafka, logLevel } from "kafkajs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { collect, type EventStore } from "@igv/event-store"
import { openKafkaStore } from "@igv/event-store-kafka"
import { requireKafka } from "@igv/test-env"
import { openStoreUrl } from "./store-url.js"
import { eventIdOf, feedEventOf } from "./feed-events.js"
import { followFeed } from "./follow.js"
import { syntheticFeedLines } from "./generate.js"
import { balances, ingestFile } from "./ingest.js"
import { attachQuarantine, openQuarantine } from "./quarantine.js"
import { decodeRow } from "./records.js"
import { readIncidents } from "./replay.js"

// A private broker of the project's own Kafka (infra/kafka with another port and data directory): these tests
// restart it, which must not disturb tests using the shared broker on 9092 at the same time.
const infra = fileURLToPath(new URL("../../../infra/kafka/", import.meta.url))
const privateEnv = {
  ...process.env,
  KAFKA_PORT: "19192",
  KAFKA_CONTROLLER_PORT: "19193",
  KAFKA_RUN: `${infra}run/ingest-test`
}
const brokers = ["127.0.0.1:19192"]
const run = promisify(execFile)
const broker = (script: "start" | "stop") =>
  run("bash", [`${infra}${script}.sh`], { env: privateEnv, timeout: 300_000 })
const restartBroker = async () => {
  await broker("stop")
  await broker("start")
}
const kafka = new Kafka({
  clientId: "igv-ingest-test",
  brokers,
  logLevel: logLevel.NOTHING,
  retry: { retries: 30, initialRetryTime: 300, maxRetryTime: 5_000 }
})

/** A Kafka store with its quarantine in a file of the test's (as openStoreUrl would attach one). */
const kafkaStore = async (...args: Parameters<typeof openKafkaStore>) => {
  const store = await openKafkaStore(...args)
  attachQuarantine(
    store,
    join(tmpdir(), `igv-kafka-quarantine-${createHash("sha256").update(args[0]).digest("hex").slice(0, 12)}.db`)
  )
  return store
}

/** Fails, never skips, when the broker does not answer once started. */
beforeAll(async () => {
  await broker("start")
  await requireKafka(brokers)
})

afterAll(async () => {
  await broker("stop")
})

const unique = (name: string) => `igv-ingest-${name}-${process.pid}-${Date.now().toString(36)}`
const BAD = [
  `{"type":"PatrolDispatched","at":"2024-03-01T10:00:00+01:00","incident":"X","patrol":"lpo1/igv/1","prio":7}`,
  `{"type":"ShiftStarted","at":"2024-03-31T02:30:00"}`,
  `oops`
]

/** Feed lines with a bad row every 50th line; the ids of the valid events and the number of bad rows. */
const feed = (incidents: number, seed: number) => {
  const lines: string[] = []
  for (const l of syntheticFeedLines({ incidents, seed })) {
    if (lines.length % 50 === 49) lines.push(BAD[lines.length % 3]!.replace('"X"', `"X${lines.length}"`))
    lines.push(l)
  }
  const ids = new Set<string>()
  let bad = 0
  lines.forEach((l, i) => {
    const o = decodeRow(i + 1, l)
    if (o.kind === "event") ids.add(eventIdOf(o.event))
    else bad++
  })
  return { lines, ids, bad }
}

const feedIds = async (store: EventStore) =>
  (await collect(store.readAll())).filter((e) => feedEventOf(e) !== undefined).map((e) => e.id)

const until = async (what: string, check: () => Promise<boolean>, ms = 150_000, state: () => unknown = () => "") => {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${JSON.stringify(state())}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

describe("ingest into the Kafka store", () => {
  it("stores the same events as SQLite, balances, and a re-ingest (fresh store instance) stores nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "igv-kafka-ingest-"))
    const { lines, ids, bad } = feed(2_000, 3)
    const path = join(dir, "feed.ndjson")
    writeFileSync(path, lines.join("\n"))
    const url = `kafka://${brokers.join(",")}/${unique("store")}?partitions=4`
    const store = await kafkaStore(url)
    let summary: Awaited<ReturnType<typeof ingestFile>>
    try {
      summary = await ingestFile(store, path)
    } finally {
      await store.close()
    }
    expect(summary).toMatchObject({ read: lines.length, stored: ids.size, duplicates: 0, quarantined: bad })
    expect(balances(summary)).toBe(true)

    const reopened = await kafkaStore(url)
    const sqlite = await openStoreUrl(join(dir, "igv.db"))
    try {
      const again = await ingestFile(reopened, path)
      expect(again).toMatchObject({ stored: 0, duplicates: ids.size, quarantined: bad, alreadyQuarantined: bad })
      const stored = await feedIds(reopened)
      expect(stored.length).toBe(ids.size)
      expect(new Set(stored)).toEqual(ids)
      expect((await openQuarantine(reopened)).length).toBe(bad)
      await ingestFile(sqlite, path)
      expect(await readIncidents(reopened, { area: "lpo2" })).toEqual(await readIncidents(sqlite, { area: "lpo2" }))
    } finally {
      await reopened.close()
      await sqlite.close()
    }
  })

  it("a broker restart in the middle of a file ingest loses nothing and doubles nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "igv-kafka-ingest-"))
    const { lines, ids, bad } = feed(15_000, 4)
    const path = join(dir, "feed.ndjson")
    writeFileSync(path, lines.join("\n"))
    const url = `kafka://${brokers.join(",")}/${unique("restart")}?partitions=4`
    const store = await kafkaStore(url, { appendRetryMs: 150_000 })
    try {
      let batches = 0
      const ingesting = ingestFile(store, path, { batchSize: 500, onBatch: () => void batches++ })
      await until("the first batches", async () => batches >= 5)
      await restartBroker()
      const summary = await ingesting
      expect(batches).toBeLessThan(lines.length / 500 + 5)
      expect(summary).toMatchObject({ read: lines.length, quarantined: bad })
      expect(balances(summary)).toBe(true)
      expect(summary.stored + summary.duplicates).toBe(ids.size)
    } finally {
      await store.close()
    }
    const reopened = await kafkaStore(url)
    try {
      const stored = await feedIds(reopened)
      expect(stored.length).toBe(ids.size)
      expect(new Set(stored)).toEqual(ids)
      expect((await openQuarantine(reopened)).length).toBe(bad)
    } finally {
      await reopened.close()
    }
  })
})

describe("ingest --follow of a live feed topic", () => {
  it("through a broker restart: every row stored or quarantined once, offsets committed, a restarted follower adds nothing", {
    timeout: 300_000
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "igv-follow-"))
    const topic = unique("feed")
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })
    await admin.disconnect()
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    const { lines, ids, bad } = feed(3_000, 6)
    const send = async (part: string[]) => {
      for (let i = 0; i < part.length; i += 500) {
        // A row per message, keyed by line so rows spread over the partitions.
        await producer.send({
          topic,
          messages: part.slice(i, i + 500).map((value, j) => ({ key: String(i + j), value }))
        })
      }
    }
    const store = await openStoreUrl(join(dir, "igv.db"))
    const from = `kafka://${brokers.join(",")}/${topic}`
    const group = `${topic}-ingest`
    try {
      const follower = await followFeed(store, { from, group })
      const half = Math.floor(lines.length / 2)
      await send(lines.slice(0, half))
      await until(
        "the first rows",
        async () => follower.counts.read >= half / 4,
        60_000,
        () => follower.counts
      )
      // The second half is produced while the broker goes down and comes back (the producer retries through it).
      const sending = send(lines.slice(half))
      await restartBroker()
      await sending
      try {
        await until(
          "every row",
          async () =>
            follower.counts.stored + follower.counts.quarantined - follower.counts.alreadyQuarantined >= ids.size + bad,
          120_000,
          () => follower.counts
        )
      } catch (e) {
        const a = kafka.admin()
        await a.connect()
        // Tells a consumer that stopped early from counts that went astray.
        console.log(
          "topic ends",
          JSON.stringify(await a.fetchTopicOffsets(topic)),
          "committed",
          JSON.stringify(await a.fetchOffsets({ groupId: group, topics: [topic] })),
          "rows",
          lines.length
        )
        await a.disconnect()
        throw e
      }
      await follower.stop()
      await follower.done
      expect(balances(follower.counts)).toBe(true)

      const stored = await feedIds(store)
      expect(stored.length).toBe(ids.size)
      expect(new Set(stored)).toEqual(ids)
      expect((await openQuarantine(store)).length).toBe(bad)

      // The same group again: everything was committed after it was stored, so nothing is redelivered.
      const again = await followFeed(store, { from, group })
      await new Promise((r) => setTimeout(r, 8_000))
      await again.stop()
      expect(again.counts.stored).toBe(0)
      expect((await feedIds(store)).length).toBe(ids.size)
    } finally {
      await producer.disconnect()
      await store.close()
    }
  })
})
