import { it } from "vitest"
import { decodeFeedRecord } from "@igv/domain"
import { syntheticFeedLines } from "./generate.js"
import { toNewEvent } from "./feed-events.js"
import { fastDecodeFeedRecord } from "./fast-decode.js"

it("perf", async () => {
  const lines = [...syntheticFeedLines({ incidents: 50_000, personalDataShare: 0.1 })]
  let t0 = performance.now()
  const parsed = lines.map((l) => JSON.parse(l))
  console.log("parse", (performance.now() - t0) / lines.length * 1000, "ns/ev")
  t0 = performance.now()
  const dec = parsed.map((p) => { const f = fastDecodeFeedRecord(p); return f ? { ok: true as const, value: f } : decodeFeedRecord(p) })
  console.log("decode", (performance.now() - t0) / lines.length * 1000, "ns/ev")
  t0 = performance.now()
  const ne = dec.map((d) => d.ok ? toNewEvent(d.value.event) : undefined)
  console.log("id", (performance.now() - t0) / lines.length * 1000, "ns/ev")
  t0 = performance.now()
  ne.map((e) => JSON.stringify(e!.payload))
  console.log("stringify", (performance.now() - t0) / lines.length * 1000, "ns/ev")
}, 600_000)
