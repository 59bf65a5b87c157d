import { randomBytes } from "node:crypto"
import { Schema } from "effect"
import { Scenario, type ScenarioInput } from "@igv/domain"
import { WrongExpectedVersion, type EventStore } from "@igv/event-store"
import { conflict, notFound } from "../errors.js"
import { isScenarioId, newScenarioId } from "../ids.js"
import { scenarioEvents, scenarioIndexEvents } from "./events.js"

export const SCENARIO_INDEX_STREAM = "scenario-index"
export const scenarioStream = (id: string) => `scenario-${id}`

export interface ScenarioVersion {
  readonly id: string
  readonly version: number
  readonly name: string
  /** The scenario with every default filled in (encoded form), as it will run. */
  readonly scenario: ScenarioInput
  /** Key id of the author. */
  readonly by: string
  readonly at: string
  readonly comment?: string
}

interface History {
  readonly versions: Array<ScenarioVersion>
}

const encodeScenario = Schema.encodeSync(Scenario)
const decodeScenario = Schema.decodeUnknownSync(Scenario)

/**
 * Scenarios are event-sourced: `ScenarioCreated` then `ScenarioRevised` in `scenario-<id>`, whose stream
 * version is the scenario version; a `scenario-index` stream lists ids. Reads catch up from the store,
 * so revisions written by another process are seen.
 */
export class ScenarioService {
  private readonly histories = new Map<string, History>()
  private readonly ids: Array<string> = []
  private indexVersion = 0

  constructor(private readonly store: EventStore) {}

  private async catchUp(id: string): Promise<History | undefined> {
    if (!isScenarioId(id)) return undefined
    let h = this.histories.get(id)
    const from = (h?.versions.length ?? 0) + 1
    for await (const e of this.store.readStream(scenarioStream(id), from)) {
      h ??= { versions: [] }
      const { _tag, ...written } = scenarioEvents.fromStored(e)
      h.versions.push({ ...written, version: e.version })
    }
    if (h !== undefined) this.histories.set(id, h)
    return h
  }

  async create(scenario: Scenario, by: string, comment?: string): Promise<ScenarioVersion> {
    const id = newScenarioId()
    // Index first: a crash in between leaves an index entry without a scenario (skipped by list), never a hidden scenario.
    await this.store.append(SCENARIO_INDEX_STREAM, [
      scenarioIndexEvents.toNew(`scenario-indexed-${id}`, { _tag: "ScenarioIndexed", at: new Date().toISOString(), id })
    ])
    await this.append(id, "ScenarioCreated", scenario, by, comment, "no-stream")
    return (await this.get(id))!
  }

  /** A new version; with `expectedVersion`, only if nobody revised it meanwhile (409 otherwise). */
  async revise(
    id: string,
    scenario: Scenario,
    by: string,
    expectedVersion: number | undefined,
    comment?: string
  ): Promise<ScenarioVersion> {
    const h = await this.catchUp(id)
    if (h === undefined) throw notFound(`scenario ${id}`, "params.id")
    const expected = expectedVersion ?? h.versions.length
    try {
      await this.append(id, "ScenarioRevised", scenario, by, comment, expected)
    } catch (e) {
      if (e instanceof WrongExpectedVersion)
        throw conflict(
          `scenario ${id} is at version ${e.actual}, not ${expected}; read it again and revise that`,
          "body.expectedVersion"
        )
      throw e
    }
    return (await this.get(id))!
  }

  private async append(
    id: string,
    _tag: "ScenarioCreated" | "ScenarioRevised",
    scenario: Scenario,
    by: string,
    comment: string | undefined,
    expected: number | "no-stream"
  ) {
    const written = {
      _tag,
      at: new Date().toISOString(),
      id,
      name: scenario.name,
      scenario: encodeScenario(scenario),
      by,
      ...(comment === undefined ? {} : { comment })
    }
    await this.store.append(
      scenarioStream(id),
      [scenarioEvents.toNew(`${scenarioStream(id)}-${randomBytes(8).toString("hex")}`, written)],
      expected
    )
  }

  /** The latest version, or a given one. */
  async get(id: string, version?: number): Promise<ScenarioVersion | undefined> {
    const h = await this.catchUp(id)
    if (h === undefined) return undefined
    return version === undefined ? h.versions.at(-1) : h.versions[version - 1]
  }

  async versions(id: string): Promise<ReadonlyArray<ScenarioVersion> | undefined> {
    return (await this.catchUp(id))?.versions
  }

  async list(): Promise<ReadonlyArray<ScenarioVersion>> {
    for await (const e of this.store.readStream(SCENARIO_INDEX_STREAM, this.indexVersion + 1)) {
      this.indexVersion = e.version
      this.ids.push(scenarioIndexEvents.fromStored(e).id)
    }
    const latest: Array<ScenarioVersion> = []
    for (const id of this.ids) {
      const v = await this.get(id)
      if (v !== undefined) latest.push(v)
    }
    return latest
  }

  /** The decoded scenario of a stored version, ready to run. */
  static decode(v: ScenarioVersion): Scenario {
    return decodeScenario(v.scenario)
  }
}
