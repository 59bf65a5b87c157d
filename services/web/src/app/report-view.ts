import { figure, Plot, WIDTH } from "./charts.js"
import { number, percent, t } from "./i18n.js"
import { B_COLOUR, BLOCK_COLOUR, PRIO_COLOURS } from "./palette.js"
import { TIME_USE } from "./time-use.js"

type Figure = number | null
interface Body {
  readonly lineTime: { readonly survival: Figure; readonly beyondHorizonHours?: number } | null
  readonly interruptions: { readonly byPriority: Readonly<Record<"1" | "2" | "3", number>> } | null
  readonly response: Readonly<
    Record<"1" | "2" | "3", { readonly withinTarget: Figure; readonly arrivedWithinTarget: Figure }>
  >
  /** Hours per category; the optional ones only when the run has them, self-initiated and standby null when unknown. */
  readonly timeUse: Readonly<Record<string, number | null | undefined>> | null
}
export type SingleReport = Body & {
  readonly byArea: Readonly<Record<string, Body>>
  readonly byTag: ReadonlyArray<{ readonly tag: string; readonly survival: Figure }>
  /** A history report's figure groups its window has no events for. */
  readonly missing?: ReadonlyArray<string>
}
/** What `igv simulate --json` and `igv history --json` print: a report, or the mean of replications. */
export type AnyReport = SingleReport | { readonly replications: number; readonly mean: SingleReport }

const PRIOS = ["1", "2", "3"] as const

const bars = (data: ReadonlyArray<{ label: string; value: number; colour: string }>, x: Plot.ScaleOptions) =>
  Plot.plot({
    width: WIDTH,
    marginLeft: 170,
    x: { grid: true, ...x },
    y: { label: null },
    marks: [
      Plot.barX(data, { y: "label", x: "value", fill: "colour", title: (d: { value: number }) => number(d.value, 1) }),
      Plot.ruleX([0])
    ]
  })
const share = { percent: true, domain: [0, 100], label: "%" }

/** One report's charts (`igv simulate --html`, `igv history --html`); a figure group not measured is said, not drawn. */
export const reportView = (input: AnyReport): Array<HTMLElement> => {
  const r = "mean" in input ? input.mean : input
  const out: Array<HTMLElement> = []
  const note = (text: string) => Object.assign(document.createElement("p"), { textContent: text })
  if ("mean" in input) out.push(note(`${t("meanOf")} ${input.replications} ${t("replicationsLower")}`))
  if (r.missing !== undefined && r.missing.length > 0) out.push(note(`${t("notMeasured")}: ${r.missing.join(", ")}`))
  const beyond = r.lineTime?.beyondHorizonHours ?? 0
  if (beyond > 0) out.push(note(`${t("beyondHorizon")}: ${number(beyond, 1)} h`))
  const areas = [["", r] as const, ...Object.entries(r.byArea)]
  const survival = areas.flatMap(([area, body]) =>
    body.lineTime?.survival == null
      ? []
      : [{ label: area === "" ? t("all") : area, value: body.lineTime.survival, colour: B_COLOUR }]
  )
  if (survival.length > 0) out.push(figure("survival", t("survival"), bars(survival, share)))
  if (r.interruptions !== null) {
    out.push(
      figure(
        "interruptions",
        t("interruptionsByPrio"),
        bars(
          PRIOS.map((p) => ({
            label: `${t("prio")} ${p}`,
            value: r.interruptions!.byPriority[p],
            colour: PRIO_COLOURS[Number(p) as 1 | 2 | 3]
          })),
          { label: t("interruptionsCount") }
        )
      )
    )
  }
  for (const [id, key, caption] of [
    ["dispatch", "withinTarget", t("withinTarget")],
    ["arrival", "arrivedWithinTarget", t("arrivalWithinTarget")]
  ] as const) {
    const data = PRIOS.flatMap((p) =>
      r.response[p][key] === null
        ? []
        : [{ label: `${t("prio")} ${p}`, value: r.response[p][key]!, colour: PRIO_COLOURS[Number(p) as 1 | 2 | 3] }]
    )
    if (data.length > 0) out.push(figure(id, caption, bars(data, share)))
  }
  const u = r.timeUse
  if (u !== null) {
    const colour = (key: string) =>
      /^prio[123]Hours$/.test(key)
        ? PRIO_COLOURS[Number(key[4]) as 1 | 2 | 3]
        : key === "plannedHours"
          ? BLOCK_COLOUR
          : "#999999"
    const hours = TIME_USE.flatMap(([key, label]) =>
      typeof u[key] === "number" ? [{ label: label(), value: u[key], colour: colour(key) }] : []
    )
    out.push(figure("time-use", t("timeUse"), bars(hours, { label: t("hours") })))
  }
  const tags = r.byTag.flatMap((x) =>
    x.survival === null ? [] : [{ label: x.tag, value: x.survival, colour: B_COLOUR }]
  )
  if (tags.length > 0) out.push(figure("tags", t("byTag"), bars(tags, share)))
  const overall = r.lineTime?.survival
  out.unshift(note(`${t("survival")}: ${overall == null ? t("notMeasured") : percent(overall)}`))
  return out
}
