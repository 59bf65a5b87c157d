// The script of a report file (`igv timeline`, `igv simulate|compare|history --html`): draws the charts from the
// JSON the file carries, with the page's own chart code; the file needs no server and no network.
import { attributionView } from "./attribution.js"
import { comparisonView, type Comparison } from "./compare.js"
import { setLang, t, type Lang } from "./i18n.js"
import { type AnyReport, reportView } from "./report-view.js"
import { element, liveSection } from "./dom.js"
import { callArea, ruleFor, type ScenarioRules } from "./interruption-rule.js"
import { panel, showDetails, type Timeline } from "./timeline.js"

export type FileReport =
  | { readonly kind: "report"; readonly lang: Lang; readonly report: AnyReport }
  | { readonly kind: "comparison"; readonly lang: Lang; readonly comparison: Comparison }
  | {
      readonly kind: "timeline"
      readonly lang: Lang
      /** A simulated replication (with its scenario's rules and rule sets) or a recorded window. */
      readonly timeline: Timeline & ScenarioRules & { readonly recorded: boolean }
    }

const data = JSON.parse(document.getElementById("igv-data")!.textContent!) as FileReport
setLang(data.lang)
const main = document.getElementById("main")!
const charts = (nodes: ReadonlyArray<HTMLElement>) => {
  const box = element("div", { className: "charts" })
  box.append(...nodes)
  return box
}
if (data.kind === "report") main.replaceChildren(charts(reportView(data.report)))
else if (data.kind === "comparison") {
  const { attribution } = data.comparison
  main.replaceChildren(
    charts(comparisonView(data.comparison)),
    ...(attribution === undefined ? [] : [attributionView(attribution)])
  )
} else {
  const tl = data.timeline
  const details = liveSection("interruption-details")
  main.replaceChildren(
    element("p", { textContent: t("details") }),
    panel(
      "timeline",
      tl.source,
      tl,
      (i) => showDetails(details, i, tl.recorded ? t("recordedRule") : ruleFor(tl, callArea(i), i.prio)),
      tl.recorded ? t("noRecorded") : t("nothingInWindow"),
      1200
    ),
    details
  )
}
