import { completedRuns, Forbidden, get, type RunStatus, Unauthorized } from "./api.js"
import { type Attribution, attributionView } from "./attribution.js"
import { figure, Plot, WIDTH } from "./charts.js"
import { number, percent, t } from "./i18n.js"
import { A_COLOUR, B_COLOUR } from "./palette.js"
import { areaComparison } from "./area-comparison.js"
import { responseDistribution } from "./response-distribution.js"
import { sideBars } from "./side-bars.js"
import { TIME_USE } from "./time-use.js"

export interface Row {
  readonly path: string
  readonly a: number | null
  readonly b: number | null
  readonly delta: number | null
  readonly halfWidth: number | null
  readonly significant: boolean
}
export interface Comparison {
  readonly rows: ReadonlyArray<Row>
  readonly paired: boolean
  readonly replications: number
  readonly attribution?: Attribution
}

const PRIOS = [1, 2, 3] as const

/** Two run pickers; the comparison below them. */
export const comparePage = async (root: HTMLElement, selected?: readonly [string, string]): Promise<void> => {
  const runs = await completedRuns()
  root.replaceChildren()
  const h = document.createElement("h2")
  h.textContent = t("compare")
  root.append(h)
  if (runs.length < 2) {
    root.append(paragraph(t("noRuns")))
    return
  }
  const form = document.createElement("form")
  form.className = "pickers"
  const a = picker("run-a", t("runA"), runs, selected?.[0] ?? runs[0]!.id)
  const b = picker("run-b", t("runB"), runs, selected?.[1] ?? runs[1]!.id)
  const show = document.createElement("button")
  show.type = "submit"
  show.textContent = t("show")
  const attribute = Object.assign(document.createElement("input"), { type: "checkbox", id: "attribute" })
  const attributeLabel = Object.assign(document.createElement("label"), {
    htmlFor: "attribute",
    textContent: ` ${t("attribute")}`
  })
  attributeLabel.prepend(attribute)
  form.append(a.label, b.label, attributeLabel, show)
  const out = document.createElement("div")
  out.className = "charts"
  const attributed = document.createElement("div")
  attributed.setAttribute("aria-live", "polite")
  let latest = 0
  const draw = async () => {
    const mine = ++latest
    attributed.replaceChildren()
    await render(out, a.select.value, b.select.value)
    if (attribute.checked && mine === latest) {
      const view = await attributionOf(a.select.value, b.select.value)
      // A slower answer for an earlier choice must not overwrite the current one.
      if (mine === latest) attributed.replaceChildren(view)
    }
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault()
    void draw()
  })
  root.append(form, out, attributed)
  await draw()
}

/** The attribution, or the API's reason it cannot be made (runs that are not paired, too many settings). */
const attributionOf = async (a: string, b: string): Promise<HTMLElement> => {
  try {
    const c = await get<{ attribution: Attribution }>(
      `/compare?runs=${encodeURIComponent(a)},${encodeURIComponent(b)}&attribute=true`
    )
    return attributionView(c.attribution)
  } catch (e) {
    if (e instanceof Unauthorized || e instanceof Forbidden) throw e
    const note = paragraph(`${t("notAttributed")}: ${e instanceof Error ? e.message : String(e)}`)
    note.setAttribute("role", "status")
    return note
  }
}

const paragraph = (text: string) => {
  const p = document.createElement("p")
  p.textContent = text
  return p
}

const picker = (id: string, label: string, runs: ReadonlyArray<RunStatus>, value: string) => {
  const l = document.createElement("label")
  l.htmlFor = id
  l.textContent = `${label} `
  const select = document.createElement("select")
  select.id = id
  for (const r of runs)
    select.add(new Option(`${r.id} · ${r.scenarioId} v${r.version} · ${r.replications}×`, r.id, false, r.id === value))
  l.append(select)
  return { label: l, select }
}

const render = async (out: HTMLElement, a: string, b: string) => {
  const c = await get<Comparison>(`/compare?runs=${encodeURIComponent(a)},${encodeURIComponent(b)}&allowDifferent=true`)
  out.replaceChildren(...comparisonView(c))
}

/** The comparison's summary line and charts (the page's, and `igv compare --html`'s). */
export const comparisonView = (c: Comparison): Array<HTMLElement> => {
  const byPath = new Map(c.rows.map((r) => [r.path, r]))
  const value = (path: string, side: "a" | "b") => byPath.get(path)?.[side] ?? null
  const sides = (paths: ReadonlyArray<readonly [string, string]>) =>
    paths.flatMap(([path, label]) =>
      (["a", "b"] as const).flatMap((side) => {
        const v = value(path, side)
        return v === null ? [] : [{ label, side: t(side), value: v }]
      })
    )

  const deltas = [
    "lineTime.survival",
    "response.1.withinTarget",
    "response.2.withinTarget",
    "response.3.withinTarget"
  ].flatMap((path) => {
    const r = byPath.get(path)
    return r === undefined || r.delta === null
      ? []
      : [
          {
            path,
            delta: r.delta * 100,
            low: (r.delta - (r.halfWidth ?? 0)) * 100,
            high: (r.delta + (r.halfWidth ?? 0)) * 100,
            significant: r.significant ? t("significant") : t("notSignificant")
          }
        ]
  })
  const survival = sides([["lineTime.survival", t("survivalShort")]])
  const interruptions = PRIOS.flatMap((p) => sides([[`interruptions.byPriority.${p}`, `${t("prio")} ${p}`]]))
  const dispatch = PRIOS.flatMap((p) => sides([[`response.${p}.withinTarget`, `${t("prio")} ${p}`]]))
  const arrival = PRIOS.flatMap((p) => sides([[`response.${p}.arrivedWithinTarget`, `${t("prio")} ${p}`]]))
  const timeUse = sides(TIME_USE.map(([key, label]) => [`timeUse.${key}`, label()] as const))
  const tags = c.rows
    .filter((r) => /^byTag\[.*\]\.survival$/.test(r.path))
    .flatMap((r) => {
      const tag = /^byTag\[(.*)\]/.exec(r.path)![1]!
      return (["a", "b"] as const).flatMap((side) =>
        r[side] === null ? [] : [{ label: tag, side: t(side), value: r[side]! }]
      )
    })

  const charts = [
    figure(
      "deltas",
      t("delta"),
      Plot.plot({
        width: WIDTH,
        marginLeft: 170,
        x: { label: t("deltaAxis"), grid: true },
        y: { label: null, tickFormat: (p: string) => label(p, byPath) },
        color: { domain: [t("significant"), t("notSignificant")], range: [B_COLOUR, A_COLOUR], legend: true },
        marks: [
          Plot.ruleX([0]),
          Plot.link(deltas, { y1: "path", y2: "path", x1: "low", x2: "high", stroke: "significant", strokeWidth: 3 }),
          Plot.dot(deltas, {
            y: "path",
            x: "delta",
            fill: "significant",
            r: 5,
            title: (d: { delta: number }) => number(d.delta, 1)
          })
        ]
      })
    ),
    figure("survival", t("survival"), sideBars(survival, { percent: true, domain: [0, 100], label: "%" })),
    figure("interruptions", t("interruptionsByPrio"), sideBars(interruptions)),
    figure("dispatch", t("withinTarget"), sideBars(dispatch, { percent: true, domain: [0, 100], label: "%" })),
    figure("arrival", t("arrivalWithinTarget"), sideBars(arrival, { percent: true, domain: [0, 100], label: "%" })),
    responseDistribution(byPath, "Dispatch", "dispatch-distribution", t("dispatchDistribution")),
    responseDistribution(byPath, "Arrival", "arrival-distribution", t("arrivalDistribution")),
    figure("time-use", t("timeUse"), sideBars(timeUse, { label: t("hours") })),
    ...areaComparison(c.rows),
    ...(tags.length === 0
      ? []
      : [figure("tags", t("byTag"), sideBars(tags, { percent: true, domain: [0, 100], label: "%" }))])
  ]
  const summary = paragraph(
    `${c.replications} × · ${c.paired ? t("paired") : t("unpaired")} · ${t("survival")}: A ${fmt(value("lineTime.survival", "a"))}, B ${fmt(value("lineTime.survival", "b"))}`
  )
  return [summary, ...charts]
}

const fmt = (x: number | null) => (x === null ? "—" : percent(x))
/** A delta's label; a priority's target as its report holds it (A's, and B's too where it differs). */
const label = (path: string, byPath: ReadonlyMap<string, Row>) => {
  if (path === "lineTime.survival") return t("survivalShort")
  const prio = path.split(".")[1]!
  const target = byPath.get(`response.${prio}.targetMinutes`)
  const minutes = [...new Set([target?.a, target?.b].filter((m) => m != null))].map((m) => number(m!, 0)).join(" / ")
  return `${t("prio")} ${prio} ≤ ${minutes === "" ? "?" : minutes} min`
}
