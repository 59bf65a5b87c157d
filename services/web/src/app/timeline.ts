import { Forbidden, get } from "./api.js"
import { addDays, element, labelled, liveSection, pickerForm, replicationPicker, runPage } from "./dom.js"
import { figure, Plot } from "./charts.js"
import { number, stockholm, t } from "./i18n.js"
import { callArea, ruleFor, type ScenarioRules } from "./interruption-rule.js"
import { BLOCK_COLOUR, PRIO_COLOURS, SHIFT_COLOUR } from "./palette.js"

type Prio = 1 | 2 | 3
interface Job {
  readonly patrol: string
  readonly incident: string
  readonly prio: Prio
  /** The call's area, whose rules it follows. */
  readonly area?: string
  readonly registeredT?: number
  readonly dispatchedT: number
  readonly onSceneT?: number
  readonly clearedT?: number
  readonly recalled?: true
  readonly endT: number
}
interface Interruption {
  readonly t: number
  readonly area: string
  readonly patrol: string
  readonly block: string
  readonly tag?: string
  readonly incident: string
  readonly prio: Prio
  readonly minutesLost: number
  readonly call?: Job
}
export interface Timeline {
  readonly source: string
  readonly from: number
  readonly to: number
  readonly patrols: ReadonlyArray<{ readonly patrol: string }>
  readonly shifts: ReadonlyArray<{ readonly patrol: string; readonly startT: number; readonly endT: number }>
  readonly planned: ReadonlyArray<{
    readonly block: string
    readonly area: string
    readonly patrol?: string
    readonly startT: number
    readonly endT: number
    readonly unstaffed?: string
  }>
  readonly blocks: ReadonlyArray<{
    readonly patrol: string
    readonly block: string
    readonly tag?: string
    readonly startT: number
    readonly endT: number
  }>
  readonly jobs: ReadonlyArray<Job>
  readonly interruptions: ReadonlyArray<Interruption>
}
export const timelinePage = async (root: HTMLElement): Promise<void> => {
  const picked = await runPage(root, t("timeline"))
  if (picked === undefined) return
  const { runs, run } = picked
  const replication = replicationPicker(runs, run)
  const day = element("input", { type: "date", required: true })
  const span = element("select")
  span.add(new Option(t("oneDay"), "1"))
  span.add(new Option(t("oneWeek"), "7"))
  const patrol = element("select")
  const recordedDay = element("input", { type: "date", required: true })
  const form = pickerForm(
    labelled("timeline-run", t("run"), run),
    labelled("timeline-replication", t("replication"), replication),
    labelled("timeline-day", t("day"), day),
    labelled("timeline-span", t("span"), span),
    labelled("timeline-patrol", t("patrol"), patrol),
    labelled("timeline-recorded-day", t("recordedDay"), recordedDay)
  )
  const panels = element("div", { className: "gantt-panels" })
  const details = liveSection("interruption-details")
  root.append(form, element("p", { textContent: t("details") }), panels, details)

  let scenarioRules: ScenarioRules | undefined
  const scenarioOf = async () => {
    const r = runs.find((x) => x.id === run.value)!
    const v = await get<{ scenario: { start: string } & ScenarioRules }>(
      `/scenarios/${r.scenarioId}?version=${r.version}`
    ).catch(() => undefined)
    scenarioRules = v?.scenario
    day.value = recordedDay.value = v?.scenario.start.slice(0, 10) ?? new Date().toISOString().slice(0, 10)
  }
  let latest = 0
  const draw = async () => {
    const mine = ++latest
    // The caption names the replication asked for, even if the picker changes while the answer is on its way.
    const drawn = replication.value
    const days = Number(span.value)
    const window = (d: string) =>
      `from=${d}&to=${addDays(d, days)}${patrol.value === "" ? "" : `&patrol=${encodeURIComponent(patrol.value)}`}`
    const [simulated, recorded] = await Promise.all([
      get<Timeline>(`/runs/${run.value}/timeline?${window(day.value)}&replication=${drawn}`),
      // A role that may read runs but not history sees the simulated side alone.
      get<Timeline>(`/history/timeline?${window(recordedDay.value)}`).catch((e: unknown) =>
        e instanceof Forbidden ? undefined : Promise.reject(e)
      )
    ])
    // A slower answer for an earlier choice must not overwrite the current one.
    if (mine !== latest) return
    if (patrol.options.length === 0) {
      patrol.add(new Option(t("allPatrols"), ""))
      for (const p of simulated.patrols) patrol.add(new Option(p.patrol, p.patrol))
    }
    panels.replaceChildren(
      panel(
        "simulated",
        `${t("simulated")} ${drawn}`,
        simulated,
        (i) => showDetails(details, i, ruleFor(scenarioRules, callArea(i), i.prio)),
        t("nothingInWindow")
      ),
      ...(recorded === undefined
        ? []
        : [
            panel(
              "recorded",
              t("recorded"),
              recorded,
              (i) => showDetails(details, i, t("recordedRule")),
              t("noRecorded")
            )
          ])
    )
  }
  run.addEventListener("change", () => {
    patrol.replaceChildren()
    void scenarioOf().then(draw)
  })
  form.addEventListener("submit", (e) => {
    e.preventDefault()
    void draw()
  })
  await scenarioOf()
  await draw()
}

const LEGEND: ReadonlyArray<readonly [string, () => string, string]> = [
  ["swatch-shift", () => t("shift"), SHIFT_COLOUR],
  ["swatch-planned", () => t("plannedAsScheduled"), "transparent"],
  ["swatch-block", () => t("delivered"), BLOCK_COLOUR],
  ...([1, 2, 3] as const).map(
    (p) => [`swatch-prio${p}`, () => `${t("job")} ${t("prio")} ${p}`, PRIO_COLOURS[p]] as const
  )
]

/** One Gantt chart: per patrol a band, the shift behind, planned-block stretches above, jobs below, interruptions as outlined bars over the lost block time. */
export const panel = (
  id: string,
  caption: string,
  tl: Timeline,
  onPick: (i: Interruption) => void,
  empty: string,
  width = 590
): HTMLElement => {
  const box = element("div", { className: "gantt" })
  box.dataset["source"] = id
  const unstaffedRow = `(${t("unstaffed")})`
  const planned = tl.planned.map((p) => ({ ...p, patrol: p.patrol ?? unstaffedRow }))
  const patrols = [
    ...tl.patrols.map((p) => p.patrol),
    ...(planned.some((p) => p.patrol === unstaffedRow) ? [unstaffedRow] : [])
  ]
  if (patrols.length === 0) {
    box.append(element("h3", { textContent: caption }), element("p", { textContent: empty }))
    return box
  }
  const date = (m: number) => new Date(m * 60_000)
  const clip = <R extends { startT: number; endT: number }>(r: R) => ({
    ...r,
    start: date(Math.max(r.startT, tl.from)),
    end: date(Math.min(r.endT, tl.to))
  })
  // At least 4 px wide, so a short interruption over a week can still be seen and clicked.
  const shortest = ((tl.to - tl.from) / width) * 4
  const lost = tl.interruptions.map((i) => ({
    ...i,
    start: date(i.t),
    end: date(Math.min(i.t + Math.max(i.minutesLost, shortest), tl.to))
  }))
  const chart = Plot.plot({
    width,
    height: 40 + 34 * patrols.length,
    marginLeft: 110,
    marginRight: 10,
    x: {
      type: "time",
      domain: [date(tl.from), date(tl.to)],
      label: null,
      grid: true,
      ticks: ticks(tl),
      tickFormat: (d: Date) => stockholm(d.getTime() / 60_000).slice(5)
    },
    y: { domain: patrols, label: null },
    marks: [
      Plot.barX(tl.shifts.map(clip), {
        y: "patrol",
        x1: "start",
        x2: "end",
        fill: SHIFT_COLOUR,
        className: "mark-shift"
      }),
      Plot.barX(planned.map(clip), {
        y: "patrol",
        x1: "start",
        x2: "end",
        fill: "none",
        stroke: BLOCK_COLOUR,
        strokeDasharray: "3 2",
        insetTop: 3,
        insetBottom: 14,
        className: "mark-planned"
      }),
      Plot.barX(tl.blocks.map(clip), {
        y: "patrol",
        x1: "start",
        x2: "end",
        fill: BLOCK_COLOUR,
        insetTop: 4,
        insetBottom: 15,
        className: "mark-block"
      }),
      Plot.barX(
        tl.jobs.map((j) => clip({ ...j, startT: j.dispatchedT })),
        {
          y: "patrol",
          x1: "start",
          x2: "end",
          fill: (j: Job) => PRIO_COLOURS[j.prio],
          insetTop: 15,
          insetBottom: 4,
          className: "mark-job"
        }
      ),
      Plot.barX(lost, {
        y: "patrol",
        x1: "start",
        x2: "end",
        fill: (i: Interruption) => PRIO_COLOURS[i.prio],
        fillOpacity: 0.35,
        stroke: (i: Interruption) => PRIO_COLOURS[i.prio],
        strokeWidth: 2,
        insetTop: 3,
        insetBottom: 14,
        className: "mark-interruption"
      })
    ]
  })
  const bars = [...chart.querySelectorAll<SVGRectElement>("g.mark-interruption rect")]
  bars.forEach((bar, i) => {
    // Plot joins each bar to its index in the data.
    const r = tl.interruptions[(bar as unknown as { __data__?: number }).__data__ ?? i]!
    bar.setAttribute("tabindex", "0")
    bar.setAttribute("role", "button")
    bar.setAttribute("aria-label", `${r.patrol} ${stockholm(r.t)} ${t("prio")} ${r.prio}, ${number(r.minutesLost)} min`)
    bar.classList.add("interruption")
    bar.addEventListener("click", () => onPick(r))
    bar.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault()
        onPick(r)
      }
    })
  })
  const legend = element("ul", { className: "legend" })
  for (const [cls, text, colour] of [...LEGEND, ["swatch-lost", () => t("lost"), "transparent"] as const]) {
    const li = element("li")
    const swatch = element("span", { className: `swatch ${cls}` })
    swatch.style.background = colour
    li.append(swatch, text())
    legend.append(li)
  }
  box.append(figure(`gantt-${id}`, `${caption} · ${tl.interruptions.length} ${t("interruptionsCount")}`, chart), legend)
  return box
}

/** Every 6 hours over a day, every day over a week, from the window's local midnight. */
const ticks = (tl: Timeline): Array<Date> => {
  const step = tl.to - tl.from > 1500 ? 1440 : 360
  const out: Array<Date> = []
  for (let m = tl.from; m < tl.to; m += step) out.push(new Date(m * 60_000))
  return out
}

const time = (m: number | undefined) => (m === undefined ? t("notRecorded") : stockholm(m))

export const showDetails = (section: HTMLElement, r: Interruption, rule: string) => {
  const dl = element("dl")
  const call = r.call
  const rows: ReadonlyArray<readonly [string, string]> = [
    [t("patrol"), r.patrol],
    [t("area"), r.area],
    [t("block"), r.block],
    [t("tag"), r.tag ?? "—"],
    [t("call"), r.incident],
    [t("priority"), String(r.prio)],
    [t("registered"), time(call?.registeredT)],
    [t("dispatched"), time(call?.dispatchedT)],
    [t("onScene"), time(call?.onSceneT)],
    [t("cleared"), call?.recalled === true ? `${time(call.clearedT)} (${t("recalledTo")})` : time(call?.clearedT)],
    [t("minutesLost"), number(r.minutesLost)],
    [t("rule"), rule]
  ]
  for (const [k, v] of rows) dl.append(element("dt", { textContent: k }), element("dd", { textContent: v }))
  section.replaceChildren(element("h3", { textContent: `${t("interrupted")} ${stockholm(r.t)}` }), dl)
}
