// A read thread: opens its own connection to the store and answers window reads (history reports, a run's
// feed window, feed pages), so reading and folding a window never blocks the API's event loop.
import { parentPort, workerData } from "node:worker_threads"
import { becomeBackgroundThread } from "../background-thread.js"
import type { FromReadWorker, ToReadWorker } from "./read-pool.js"

becomeBackgroundThread()
const { openStore } = await import("@igv/event-store-url")
const { encodedIncidents, historyReport } = await import("./window-reads.js")
const { feedPage } = await import("./feed-page.js")
const { readTimeline } = await import("./timeline.js")

const port = parentPort!
const post = (m: FromReadWorker, transfer: ReadonlyArray<ArrayBuffer> = []) =>
  port.postMessage(m, transfer as ArrayBuffer[])
const store = openStore((workerData as { storeUrl: string }).storeUrl)
// An unhandled failure to open is reported with the first request.
store.catch(() => undefined)

port.on("message", async (m: ToReadWorker) => {
  if (m.kind === "close") {
    await (await store.catch(() => undefined))?.close()
    port.close()
    return
  }
  try {
    if (m.kind === "history") post({ id: m.id, kind: "history", report: await historyReport(await store, m.window) })
    else if (m.kind === "timeline")
      post({ id: m.id, kind: "timeline", timeline: await readTimeline(await store, m.request) })
    else if (m.kind === "feedPage") {
      const json = await feedPage(await store, m.request)
      post({ id: m.id, kind: "feedPage", json }, [json.buffer as ArrayBuffer])
    } else {
      const incidents = await encodedIncidents(await store, m.window)
      post({ id: m.id, kind: "incidents", count: incidents.count, json: incidents.json }, [
        incidents.json.buffer as ArrayBuffer
      ])
    }
  } catch (e) {
    post({ id: m.id, kind: "error", message: e instanceof Error ? e.message : String(e) })
  }
})
