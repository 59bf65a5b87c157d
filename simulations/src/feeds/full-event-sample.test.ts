import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { decodeFeedRecord, type IgvEvent } from "@igv/domain"
import { loadScenario } from "@igv/runner"
import { fullEventSample, SAMPLE_FEED, SAMPLE_SCENARIO } from "./full-event-sample.js"

const decodeAll = (lines: ReadonlyArray<string>): Array<IgvEvent> =>
  lines.map((line, i) => {
    const r = decodeFeedRecord(JSON.parse(line))
    if (!r.ok) throw new Error(`line ${i + 1}: ${JSON.stringify(r.issues)}`)
    expect(r.value.droppedFields).toEqual([])
    return r.value.event
  })

describe("the full-event sample feed", () => {
  it("is the generator's output for seed 1, so it can be reproduced (regenerate it when the simulator changes)", async () => {
    const { scenario } = await loadScenario(SAMPLE_SCENARIO)
    const lines = fullEventSample(scenario, 1)
    expect(fullEventSample(scenario, 1)).toEqual(lines)
    expect(fullEventSample(scenario, 2)).not.toEqual(lines)
    expect(readFileSync(SAMPLE_FEED, "utf8")).toBe(`${lines.join("\n")}\n`)
  })

  it("holds every kind of a full feed over three weeks in two areas, in local time, with an export's noise", () => {
    const lines = readFileSync(SAMPLE_FEED, "utf8").trimEnd().split("\n")
    const events = decodeAll(lines)
    const kinds = new Set(events.map((e) => e._tag))
    for (const kind of [
      "ShiftStarted",
      "ShiftEnded",
      "IncidentRegistered",
      "PatrolDispatched",
      "PatrolOnScene",
      "PatrolCleared",
      "PlannedBlockStarted",
      "PlannedBlockInterrupted",
      "PlannedBlockResumed",
      "PlannedBlockCompleted"
    ])
      expect(kinds).toContain(kind)
    const areas = new Set(events.flatMap((e) => ("area" in e ? [e.area] : [])))
    expect([...areas].sort()).toEqual(["town-centre", "town-outskirts"])
    const ts = events.map((e) => e.t)
    expect((Math.max(...ts) - Math.min(...ts)) / 1440).toBeGreaterThan(20)
    // Both sides of the DST change, written with their local offsets.
    expect(lines.some((l) => l.includes("+01:00"))).toBe(true)
    expect(lines.some((l) => l.includes("+02:00"))).toBe(true)
    // Times to the second; some rows sent twice; some arrivals at the end, out of time order; some never reported.
    expect(events.every((e) => Math.abs(e.t * 60 - Math.round(e.t * 60)) < 1e-6)).toBe(true)
    expect(new Set(lines).size).toBeLessThan(lines.length)
    const tail = events.slice(-10)
    expect(tail.every((e) => e._tag === "PatrolOnScene")).toBe(true)
    expect(ts.some((t, i) => i > 0 && t < ts[i - 1]!)).toBe(true)
    const count = (tag: string) => events.filter((e) => e._tag === tag).length
    expect(count("PatrolOnScene")).toBeLessThan(count("PatrolCleared"))
  })
})
