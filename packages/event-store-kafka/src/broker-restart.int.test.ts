import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { fileURLToPath } from "node:url"
import { readFileSync, rmSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { collect, type StoredEvent } from "@igv/event-store"
import { openKafkaStore } from "./open.js"

// A private broker of the project's own Kafka (infra/kafka with another port and data directory), so that
// restarting it cannot disturb other tests that use the shared broker on 9092 at the same time.
const infra = fileURLToPath(new URL("../../../infra/kafka/", import.meta.url))
const privateRun = `${infra}run/restart-test`
const privateEnv = { ...process.env, KAFKA_PORT: "19092", KAFKA_CONTROLLER_PORT: "19093", KAFKA_RUN: privateRun }
const brokers = ["127.0.0.1:19092"]
const run = promisify(execFile)
const broker = (script: "start" | "stop") => run("bash", [`${infra}${script}.sh`], { env: privateEnv })
/**
 * Asynchronous, so the writer and the subscriber keep running (and failing, and retrying) while the broker is down.
 * "stop" is a controlled shutdown; "kill" is SIGKILL, after which the broker recovers its logs on start.
 */
const restartBroker = async (how: "stop" | "kill") => {
  if (how === "stop") {
    await broker("stop")
  } else {
    const pid = Number(readFileSync(`${privateRun}/kafka.pid`, "utf8"))
    process.kill(pid, "SIGKILL")
    while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await broker("start")
}
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

beforeAll(async () => {
  await broker("stop")
  rmSync(privateRun, { recursive: true, force: true })
  await broker("start")
})
afterAll(async () => {
  await broker("stop")
  rmSync(privateRun, { recursive: true, force: true })
})

describe("kafka store through a broker restart", () => {
  it.each(["stop", "kill"] as const)(
    "loses nothing and doubles nothing, for appends and for a subscription (broker %s)",
    async (how) => {
      const topic = `igv-restart-${how}-${process.pid}-${Date.now().toString(36)}`
      const url = `kafka://${brokers.join(",")}/${topic}?partitions=4`
      const store = await openKafkaStore(url, { appendRetryMs: 90_000 })
      const received: StoredEvent[] = []
      const subscription = await store.subscribe({
        from: 0n,
        consumer: `${topic}-projection`,
        handler: async (batch) => void received.push(...batch)
      })

      const streams = ["area-1", "area-2", "area-3", "area-4"]
      const versions = new Map(streams.map((s) => [s, 0]))
      let restarted = false
      let roundsAfterRestart = 0
      let round = 0
      const writer = (async () => {
        // Each round appends 25 events to every stream with the exact expected version, so a doubled or lost write
        // would surface as a WrongExpectedVersion or a version gap.
        while (!restarted || roundsAfterRestart < 10) {
          await Promise.all(
            streams.map(async (stream) => {
              const events = Array.from({ length: 25 }, (_, i) => ({
                id: `${stream}-r${round}-${i}`,
                type: "incident.registered",
                occurredAt: new Date().toISOString(),
                schemaVersion: 1,
                payload: { round, i }
              }))
              const result = await store.append(stream, events, versions.get(stream)!)
              expect(result).toMatchObject({ appended: 25, duplicates: 0 })
              versions.set(stream, result.nextVersion)
            })
          )
          round++
          if (restarted) roundsAfterRestart++
        }
      })()
      // Let the writer get going (a fresh broker is slow to serve its first appends), then pull the broker from under it.
      while (round < 3) await new Promise((resolve) => setTimeout(resolve, 20))
      const roundsBeforeRestart = round
      await restartBroker(how)
      const roundsAtStart = round
      restarted = true
      await writer

      // The writer was mid-flight when the broker went down, and kept going after it came back.
      expect(roundsBeforeRestart).toBeGreaterThan(0)
      expect(roundsAfterRestart).toBe(10)
      console.log(
        `broker ${how}: ${roundsBeforeRestart} rounds before the stop, ${roundsAtStart} by the restart, ${round} in all`
      )
      const total = round * streams.length * 25
      for (let i = 0; i < 1200 && received.length < total; i++) await new Promise((resolve) => setTimeout(resolve, 100))
      await subscription.close()
      await store.close()

      expect(new Set(received.map((e) => e.id)).size).toBe(total)
      expect(received).toHaveLength(total)
      expect(received.map((e) => Number(e.position))).toEqual(Array.from({ length: total }, (_, i) => i + 1))

      const reopened = await openKafkaStore(url)
      try {
        const all = await collect(reopened.readAll())
        expect(all).toHaveLength(total)
        expect(new Set(all.map((e) => e.id)).size).toBe(total)
        expect(all.map((e) => Number(e.position))).toEqual(Array.from({ length: total }, (_, i) => i + 1))
        for (const stream of streams) {
          expect(all.filter((e) => e.stream === stream).map((e) => e.version)).toEqual(
            Array.from({ length: total / 4 }, (_, i) => i + 1)
          )
        }
      } finally {
        await reopened.close()
      }
    },
    300_000
  )
})
