import { completedRuns, type RunStatus } from "./api.js"
import { t } from "./i18n.js"

export const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {}
): HTMLElementTagNameMap[K] => Object.assign(document.createElement(tag), props)

export const labelled = (id: string, text: string, control: HTMLSelectElement | HTMLInputElement) => {
  control.id = id
  const l = element("label", { htmlFor: id, textContent: `${text} ` })
  l.append(control)
  return l
}

/** A row of labelled pickers and a "show" button: the form a page that draws a chosen run or scenario opens with. */
export const pickerForm = (...pickers: ReadonlyArray<HTMLLabelElement>): HTMLFormElement => {
  const form = element("form", { className: "pickers" })
  form.append(...pickers, element("button", { type: "submit", textContent: t("show") }))
  return form
}

/** A section a screen reader reads out when its content changes. */
export const liveSection = (id: string): HTMLElement => {
  const section = element("section", { id })
  section.setAttribute("aria-live", "polite")
  return section
}

/** `YYYY-MM-DD` plus n days (calendar arithmetic, no time zone involved). */
export const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** A page about one completed run: its heading, and a run picker; undefined (and a note) when no run is completed. */
export const runPage = async (
  root: HTMLElement,
  heading: string
): Promise<{ runs: ReadonlyArray<RunStatus>; run: HTMLSelectElement } | undefined> => {
  const runs = await completedRuns()
  root.replaceChildren(element("h2", { textContent: heading }))
  if (runs.length === 0) {
    root.append(element("p", { textContent: t("noRuns") }))
    return undefined
  }
  const run = element("select")
  for (const r of runs) run.add(new Option(`${r.id} · ${r.scenarioId} v${r.version}`, r.id))
  return { runs, run }
}

/** The chosen run's replications, 0 (the run's own seed) first; refilled when another run is chosen. */
export const replicationPicker = (runs: ReadonlyArray<RunStatus>, run: HTMLSelectElement): HTMLSelectElement => {
  const replication = element("select")
  const fill = () => {
    const n = runs.find((r) => r.id === run.value)?.replications ?? 1
    replication.replaceChildren(...Array.from({ length: n }, (_, i) => new Option(String(i), String(i))))
  }
  // Registered before the page's own change handler, so the page reads the new run's list.
  run.addEventListener("change", fill)
  fill()
  return replication
}
