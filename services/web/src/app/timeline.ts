import { completedRuns, get } from "./api.js"
import { figure, Plot } from "./charts.js"
import { number, stockholm, t } from "./i18n.js"
import { PRIO_COLOURS } from "./palette.js"

interface Interruption {
  readonly t: number; readonly area: string; readonly patrol: string; readonly block: string; readonly tag?: string
  readonly incident: string; readonly prio: 1 | 2 | 3; readonly minutesLost: number
}
interface Rules { readonly interruptingPriorities?: ReadonlyArray<number>; readonly prio3?: { readonly handling?: string; readonly deferLimitMinutes?: number } }

/** Which of the run's rules let a call of this priority take a patrol from planned work (the scenario's defaults filled in). */
export const ruleFor = (rules: Rules | undefined, prio: number): string => {
  const prio3 = rules?.prio3 ?? {}
  if (prio === 3 && prio3.handling === "defer") return `rules.prio3.handling: defer, deferLimitMinutes ${prio3.deferLimitMinutes ?? 180}`
  return `rules.interruptingPriorities: [${(rules?.interruptingPriorities ?? [1, 2, 3]).join(", ")}]`
}

const allInterruptions = async (run: string): Promise<Array<Interruption>> => {
  const out: Array<Interruption> = []
  let cursor: string | undefined
  do {
    const page = await get<{ items: ReadonlyArray<Interruption>; nextCursor?: string }>(`/runs/${run}/interruptions?limit=1000${cursor === undefined ? "" : `&cursor=${cursor}`}`)
    out.push(...page.items)
    cursor = page.nextCursor
  } while (cursor !== undefined)
  return out
}

export const timelinePage = async (root: HTMLElement): Promise<void> => {
  const runs = await completedRuns()
  root.replaceChildren()
  const h = document.createElement("h2")
  h.textContent = t("timeline")
  root.append(h)
  if (runs.length === 0) {
    const p = document.createElement("p")
    p.textContent = t("noRuns")
    root.append(p)
    return
  }
  const label = document.createElement("label")
  label.htmlFor = "timeline-run"
  label.textContent = `${t("run")} `
  const select = document.createElement("select")
  select.id = "timeline-run"
  for (const r of runs) select.add(new Option(`${r.id} · ${r.scenarioId} v${r.version}`, r.id))
  label.append(select)
  const out = document.createElement("div")
  select.addEventListener("change", () => void render(out, select.value))
  root.append(label, out)
  await render(out, select.value)
}

const render = async (out: HTMLElement, runId: string) => {
  const run = await get<{ scenarioId: string; version: number }>(`/runs/${runId}`)
  const [rows, version] = await Promise.all([
    allInterruptions(runId),
    get<{ scenario: { rules?: Rules } }>(`/scenarios/${run.scenarioId}?version=${run.version}`).catch(() => undefined)
  ])
  const note = document.createElement("p")
  note.textContent = `${t("replication0")} ${rows.length === 0 ? t("noInterruptions") : t("details")}`
  const details = document.createElement("section")
  details.id = "interruption-details"
  details.setAttribute("aria-live", "polite")
  if (rows.length === 0) {
    out.replaceChildren(note)
    return
  }
  const data = rows.map((r) => ({ ...r, start: new Date(r.t * 60_000), end: new Date((r.t + Math.max(r.minutesLost, 1)) * 60_000), prioLabel: `${t("prio")} ${r.prio}` }))
  const patrols = [...new Set(rows.map((r) => r.patrol))].sort()
  const chart = Plot.plot({
    width: 1100, height: Math.max(160, 26 * patrols.length + 60), marginLeft: 190,
    x: { type: "time", label: `${t("time")} (Europe/Stockholm)`, grid: true, ticks: 6, tickFormat: (d: Date) => stockholm(d.getTime() / 60_000) },
    y: { domain: patrols, label: null },
    color: { domain: [1, 2, 3].map((p) => `${t("prio")} ${p}`), range: [PRIO_COLOURS[1], PRIO_COLOURS[2], PRIO_COLOURS[3]], legend: true },
    marks: [
      Plot.barX(data, {
        y: "patrol", x1: "start", x2: "end", fill: "prioLabel", inset: 2,
        ariaLabel: (d: Interruption) => `${d.patrol} ${stockholm(d.t)} ${t("prio")} ${d.prio}, ${number(d.minutesLost)} min`
      })
    ]
  })
  const bars = [...chart.querySelectorAll<SVGRectElement>("g[aria-label='bar'] rect")]
  bars.forEach((bar, i) => {
    bar.setAttribute("tabindex", "0")
    bar.setAttribute("role", "button")
    bar.classList.add("interruption")
    // Plot joins each bar to its index in the data.
    const index = (bar as unknown as { __data__?: number }).__data__ ?? i
    const show = () => showDetails(details, rows[index]!, version?.scenario.rules)
    bar.addEventListener("click", show)
    bar.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); show() } })
  })
  out.replaceChildren(note, figure("timeline", t("timeline"), chart), details)
}

const showDetails = (section: HTMLElement, r: Interruption, rules: Rules | undefined) => {
  const h = document.createElement("h3")
  h.textContent = `${t("interrupted")} ${stockholm(r.t)}`
  const dl = document.createElement("dl")
  const rows: ReadonlyArray<readonly [string, string]> = [
    [t("patrol"), r.patrol], [t("area"), r.area], [t("block"), r.block], [t("tag"), r.tag ?? "—"], [t("call"), r.incident],
    [t("priority"), String(r.prio)], [t("minutesLost"), number(r.minutesLost)], [t("rule"), ruleFor(rules, r.prio)]
  ]
  for (const [k, v] of rows) {
    const dt = document.createElement("dt"), dd = document.createElement("dd")
    dt.textContent = k
    dd.textContent = v
    dl.append(dt, dd)
  }
  section.replaceChildren(h, dl)
}
