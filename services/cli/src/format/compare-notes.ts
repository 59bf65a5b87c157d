import { basename } from "node:path"
import type { SettingChange } from "@igv/domain"
import { describeChanges } from "./scenario-changes.js"

/** What `igv compare` says above its table: how A and B were run, and which settings B changes. */
export const compareNotes = (o: {
  readonly fileA: string
  readonly fileB: string
  readonly replications: number
  readonly seed: number
  readonly paired: boolean
  readonly differences: ReadonlyArray<string>
  readonly changes: ReadonlyArray<SettingChange>
}): Array<string> => [
  `A = ${basename(o.fileA)}, B = ${basename(o.fileB)} · ` +
    (o.paired
      ? `${o.replications} paired replications from seed ${o.seed} (common random numbers: A and B see the same calls) · ` +
        "delta ± 95 % half-width of the paired difference"
      : `${o.replications} replications of each from seed ${o.seed}, NOT paired (A and B do not see the same calls) · ` +
        "delta ± 95 % half-width of an unpaired (Welch) comparison"),
  ...(o.paired ? [] : [`A and B differ in ${o.differences.join("; ")}`]),
  o.changes.length === 0
    ? "B sets everything as A does (names and seeds aside)"
    : [
        `B differs from A in ${o.changes.length} setting${o.changes.length === 1 ? "" : "s"}:`,
        ...describeChanges(o.changes).map((l) => `  ${l}`)
      ].join("\n")
]

/** The paragraph above the attribution table. */
export const attributionNote = (replications: number): string =>
  "Attribution of B − A. Each row above the interaction is one setting's own effect: B's value of that setting\n" +
  `applied to A alone, paired with A on the same calls (${replications} replications each). The interaction is what\n` +
  "the settings do only together: B − A minus the sum of the own effects. Mean ± 95 % half-width; survival and\n" +
  "delivered hours of planned line time, shares of calls dispatched within target, prio 3 calls handled another way."
