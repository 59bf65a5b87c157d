import { get } from "./api.js"
import { figure, Plot, WIDTH } from "./charts.js"
import { byHourOfWeek } from "./hour-of-week.js"
import { number, percent, t } from "./i18n.js"
import { B_COLOUR, PRIO_COLOURS } from "./palette.js"
import { addDays, element, labelled, pickerForm, replicationPicker, runPage } from "./dom.js"
import type { Timeline } from "./timeline.js"

interface Body {
  readonly lineTime: { readonly survival: number | null; readonly plannedHours: number }
  readonly interruptions: { readonly total: number; readonly per100PlannedHours: number | null }
}
type RunReport =
  | (Body & { readonly byArea: Readonly<Record<string, Body>> })
  | { readonly mean: Body & { readonly byArea: Readonly<Record<string, Body>> } }

const WEEKDAYS = {
  sv: ["mån", "tis", "ons", "tors", "fre", "lör", "sön"],
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
}

/** Survival and interruptions by hour of the week (one replication of a run over a week) and by area (the run's report). */
export const wherePage = async (root: HTMLElement): Promise<void> => {
  const picked = await runPage(root, t("where"))
  if (picked === undefined) return
  const { runs, run } = picked
  const replication = replicationPicker(runs, run)
  const week = element("input", { type: "date", required: true })
  const form = pickerForm(
    labelled("where-run", t("run"), run),
    labelled("where-replication", t("replication"), replication),
    labelled("where-week", t("weekFrom"), week)
  )
  const out = element("div", { className: "charts" })
  root.append(form, out)
  const startOf = async () => {
    const r = runs.find((x) => x.id === run.value)!
    const v = await get<{ scenario: { start: string } }>(`/scenarios/${r.scenarioId}?version=${r.version}`).catch(
      () => undefined
    )
    week.value = v?.scenario.start.slice(0, 10) ?? new Date().toISOString().slice(0, 10)
  }
  let latest = 0
  const draw = async () => {
    const mine = ++latest
    // The caption names the replication asked for, even if the picker changes while the answer is on its way.
    const drawn = replication.value
    const [tl, report] = await Promise.all([
      get<Timeline>(`/runs/${run.value}/timeline?from=${week.value}&to=${addDays(week.value, 7)}&replication=${drawn}`),
      get<RunReport>(`/runs/${run.value}/report`)
    ])
    // A slower answer for an earlier choice must not overwrite the current one.
    if (mine === latest)
      out.replaceChildren(
        ...charts(tl, `${t("replication")} ${drawn} ${t("ofTheRun")}.`, "mean" in report ? report.mean : report)
      )
  }
  run.addEventListener("change", () => void startOf().then(draw))
  form.addEventListener("submit", (e) => {
    e.preventDefault()
    void draw()
  })
  await startOf()
  await draw()
}

const charts = (
  tl: Timeline,
  source: string,
  report: Body & { readonly byArea: Readonly<Record<string, Body>> }
): Array<HTMLElement> => {
  const days = WEEKDAYS[document.documentElement.lang === "en" ? "en" : "sv"]
  const cells = byHourOfWeek(tl.planned, tl.blocks, tl.interruptions).map((c) => ({
    ...c,
    day: days[c.weekday]!,
    survival: c.plannedMinutes > 0 ? c.deliveredMinutes / c.plannedMinutes : null
  }))
  const grid = {
    width: WIDTH,
    height: 230,
    marginLeft: 50,
    padding: 0.05,
    x: {
      domain: Array.from({ length: 24 }, (_, h) => h),
      label: t("hourOfDay"),
      tickFormat: (h: number) => (h % 3 === 0 ? String(h).padStart(2, "0") : "")
    },
    y: { domain: days, label: null }
  }
  const survivalMap = Plot.plot({
    ...grid,
    color: {
      type: "linear",
      scheme: "cividis",
      domain: [0, 1],
      legend: true,
      label: t("survivalShort"),
      tickFormat: (x: number) => `${Math.round(x * 100)} %`
    },
    marks: [
      Plot.cell(
        cells.filter((c) => c.survival !== null),
        {
          x: "hour",
          y: "day",
          fill: "survival",
          title: (d: (typeof cells)[number]) =>
            `${d.day} ${d.hour}:00 · ${percent(d.survival!)} · ${number(d.plannedMinutes / 60)} h`
        }
      )
    ]
  })
  const interruptionMap = Plot.plot({
    ...grid,
    color: {
      type: "linear",
      scheme: "cividis",
      legend: true,
      label: t("interruptionsCount"),
      tickFormat: (x: number) => (Number.isInteger(x) ? String(x) : "")
    },
    marks: [
      Plot.cell(cells, {
        x: "hour",
        y: "day",
        fill: "interruptions",
        title: (d: (typeof cells)[number]) => `${d.day} ${d.hour}:00 · ${d.interruptions}`
      })
    ]
  })
  const areas = Object.entries(report.byArea).map(([area, body]) => ({
    area,
    survival: body.lineTime.survival,
    per100: body.interruptions.per100PlannedHours
  }))
  const areaBars = (key: "survival" | "per100", colour: string, x: Plot.ScaleOptions) =>
    Plot.plot({
      width: WIDTH,
      marginLeft: 90,
      x: { grid: true, ...x },
      y: { label: null },
      marks: [
        Plot.barX(
          areas.filter((a) => a[key] !== null),
          {
            y: "area",
            x: key,
            fill: colour,
            title: (a: (typeof areas)[number]) => number(a[key]! * (key === "survival" ? 100 : 1))
          }
        ),
        Plot.ruleX([0])
      ]
    })
  const unmeasured = areas.filter((a) => a.survival === null).map((a) => a.area)
  return [
    figure("survival-hour-of-week", `${t("survivalByHour")} · ${source} ${t("emptyNotMeasured")}`, survivalMap),
    figure("interruptions-hour-of-week", `${t("interruptionsByHour")} · ${source}`, interruptionMap),
    figure(
      "survival-by-area",
      `${t("survivalByArea")}${unmeasured.length === 0 ? "" : ` · ${t("notMeasured")}: ${unmeasured.join(", ")}`}`,
      areaBars("survival", B_COLOUR, { percent: true, domain: [0, 100], label: "%" })
    ),
    figure(
      "interruptions-by-area",
      t("interruptionsByArea"),
      areaBars("per100", PRIO_COLOURS[3], { label: t("per100PlannedHours") })
    )
  ]
}
