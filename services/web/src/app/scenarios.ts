import { get } from "./api.js"
import { t } from "./i18n.js"
import { element, labelled, liveSection, pickerForm } from "./dom.js"

interface Version {
  readonly id: string
  readonly version: number
  readonly name: string
  readonly by: string
  readonly at: string
  readonly comment?: string
}
interface Change {
  readonly path: string
  readonly op: "added" | "removed" | "changed"
  readonly from?: unknown
  readonly to?: unknown
}

const OP = { added: "op_added", removed: "op_removed", changed: "op_changed" } as const
const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v))

/** A scenario's versions (who, when, why) and what changed between any two, setting by setting. */
export const scenariosPage = async (root: HTMLElement): Promise<void> => {
  const scenarios = (await get<{ scenarios: ReadonlyArray<Version> }>("/scenarios")).scenarios
  root.replaceChildren(element("h2", { textContent: t("scenarios") }))
  if (scenarios.length === 0) {
    root.append(element("p", { textContent: t("noScenarios") }))
    return
  }
  const scenario = element("select")
  for (const s of scenarios) scenario.add(new Option(`${s.name} · ${s.id} (v${s.version})`, s.id))
  const from = element("select"),
    to = element("select")
  const form = pickerForm(
    labelled("scenario-id", t("scenario"), scenario),
    labelled("version-from", t("versionFrom"), from),
    labelled("version-to", t("versionTo"), to)
  )
  const versions = element("ol", { id: "versions" })
  const diff = liveSection("diff")
  root.append(form, versions, diff)

  const loadVersions = async () => {
    const list = (await get<{ versions: ReadonlyArray<Version> }>(`/scenarios/${scenario.value}/versions`)).versions
    versions.replaceChildren(
      ...list.map((v) =>
        element("li", {
          textContent: `v${v.version} · ${v.at} · ${t("by")} ${v.by}${v.comment === undefined ? "" : ` · ${v.comment}`}`
        })
      )
    )
    from.replaceChildren(...list.map((v) => new Option(`v${v.version}`, String(v.version))))
    to.replaceChildren(...list.map((v) => new Option(`v${v.version}`, String(v.version))))
    // The latest change by default: the version before the last, to the last.
    from.selectedIndex = Math.max(0, list.length - 2)
    to.selectedIndex = list.length - 1
    if (list.length < 2) diff.replaceChildren(element("p", { textContent: t("oneVersion") }))
    else await loadDiff()
  }
  const loadDiff = async () => {
    const d = await get<{ changes: ReadonlyArray<Change> }>(
      `/scenarios/${scenario.value}/diff?from=${from.value}&to=${to.value}`
    )
    if (d.changes.length === 0) {
      diff.replaceChildren(element("p", { textContent: t("noChanges") }))
      return
    }
    const table = element("table", { id: "diff-table" })
    table.append(element("caption", { textContent: `${scenario.value}: v${from.value} → v${to.value}` }))
    const head = element("tr")
    for (const h of [t("path"), t("change"), t("before"), t("after")])
      head.append(element("th", { scope: "col", textContent: h }))
    table.createTHead().append(head)
    const body = table.createTBody()
    for (const c of d.changes) {
      const tr = element("tr")
      tr.className = `op-${c.op}`
      tr.append(
        element("td", { textContent: c.path }),
        element("td", { textContent: t(OP[c.op]) }),
        element("td", { textContent: show(c.from) }),
        element("td", { textContent: show(c.to) })
      )
      body.append(tr)
    }
    diff.replaceChildren(table)
  }
  scenario.addEventListener("change", () => void loadVersions())
  form.addEventListener("submit", (e) => {
    e.preventDefault()
    void loadDiff()
  })
  await loadVersions()
}
