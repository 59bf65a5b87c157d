import type { Scenario } from "@igv/domain"
import { compile } from "@igv/simulator"

/**
 * The first of `asked` the scenario has no patrol of, with the patrols it has (named by area, kind and slot,
 * `lpo1/igv/0`; the slots are the most ever on duty at once); undefined when it has them all.
 */
export const unknownPatrol = (
  scenario: Scenario,
  asked: ReadonlyArray<string>
): { readonly patrol: string; readonly known: ReadonlyArray<string> } | undefined => {
  if (asked.length === 0) return undefined
  const known: ReadonlyArray<string> = compile(scenario, scenario.seed).patrolIds
  const patrol = asked.find((p) => !known.includes(p))
  return patrol === undefined ? undefined : { patrol, known }
}
