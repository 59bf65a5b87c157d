import { call, Forbidden, get, type RunStatus } from "./api.js"
import { t } from "./i18n.js"
import { element, labelled } from "./dom.js"

const ACTIVE = new Set(["queued", "running"])
const REFRESH_MS = 1_000

/** The run queue: every run with its status and progress, refreshed while any is queued or running; cancel; start one. */
export const runsPage = async (root: HTMLElement): Promise<void> => {
  const scenarios = (
    await get<{ scenarios: ReadonlyArray<{ id: string; name: string; version: number }> }>("/scenarios")
  ).scenarios
  root.replaceChildren(element("h2", { textContent: t("runs") }))
  const status = element("p", { id: "runs-status" })
  status.setAttribute("role", "status")
  const scenario = element("select")
  for (const s of scenarios) scenario.add(new Option(`${s.name} · ${s.id} v${s.version}`, s.id))
  const replications = element("input", { type: "number", min: "1", value: "10", required: true })
  const form = element("form", { className: "pickers", id: "start-run" })
  form.append(
    labelled("run-scenario", t("scenario"), scenario),
    labelled("run-replications", t("replications"), replications),
    element("button", { type: "submit", textContent: t("startRun") })
  )
  form.addEventListener("submit", (e) => {
    e.preventDefault()
    call<RunStatus>("POST", "/runs", { scenarioId: scenario.value, replications: Number(replications.value) }).then(
      (r) => {
        status.textContent = `${t("queued")}: ${r.id}`
        return refresh()
      },
      (err: unknown) => {
        status.textContent = message(err)
      }
    )
  })
  const table = element("table", { id: "runs-table" })
  table.append(element("caption", { textContent: t("runsCaption") }))
  const head = element("tr")
  for (const h of [t("run"), t("scenario"), t("status"), t("progress"), t("requested"), ""])
    head.append(element("th", { scope: "col", textContent: h }))
  table.createTHead().append(head)
  const body = table.createTBody()
  root.append(...(scenarios.length === 0 ? [] : [form]), status, table)

  let timer: ReturnType<typeof setTimeout> | undefined
  const refresh = async (): Promise<void> => {
    clearTimeout(timer)
    const runs = (await get<{ items: ReadonlyArray<RunStatus> }>("/runs?limit=100")).items
    body.replaceChildren(
      ...runs.map((r) =>
        row(r, (err) => {
          status.textContent = err === undefined ? `${t("cancelled")}: ${r.id}` : message(err)
          void refresh()
        })
      )
    )
    // Polls only while this page is shown and something may still move.
    if (table.isConnected && runs.some((r) => ACTIVE.has(r.status)))
      timer = setTimeout(() => void refresh(), REFRESH_MS)
  }
  await refresh()
}

const STATUS = {
  queued: "status_queued",
  running: "status_running",
  completed: "status_completed",
  failed: "status_failed",
  cancelled: "status_cancelled"
} as const
const statusText = (status: string) => (status in STATUS ? t(STATUS[status as keyof typeof STATUS]) : status)

const message = (err: unknown) => (err instanceof Forbidden ? t("forbidden") : (err as Error).message)

const row = (r: RunStatus, done: (err?: unknown) => void): HTMLTableRowElement => {
  const tr = element("tr")
  tr.dataset["run"] = r.id
  tr.dataset["status"] = r.status
  const progress = element("progress", { max: Math.max(1, r.progress.total), value: r.progress.done })
  progress.setAttribute("aria-label", `${t("progress")} ${r.id}: ${r.progress.done} / ${r.progress.total}`)
  const progressCell = element("td")
  progressCell.append(progress, ` ${r.progress.done} / ${r.progress.total}`)
  const actions = element("td")
  if (ACTIVE.has(r.status)) {
    const cancel = element("button", { type: "button", textContent: t("cancel"), className: "cancel" })
    cancel.setAttribute("aria-label", `${t("cancel")} ${r.id}`)
    cancel.addEventListener("click", () => {
      call("POST", `/runs/${r.id}/cancel`).then(() => done(), done)
    })
    actions.append(cancel)
  }
  tr.append(
    element("td", { textContent: r.id }),
    element("td", { textContent: `${r.scenarioId} v${r.version}` }),
    element("td", { textContent: `${statusText(r.status)}${r.reason === undefined ? "" : ` (${r.reason})`}` }),
    progressCell,
    element("td", { textContent: new Date(r.requestedAt).toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" }) }),
    actions
  )
  return tr
}
