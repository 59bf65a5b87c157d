import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { ScenarioInvalid } from "./errors.js"
import { loadScenario } from "./scenario-file.js"

let dir: string
const file = async (name: string, text: string) => {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}
const failure = async (path: string): Promise<ScenarioInvalid> => {
  try {
    await loadScenario(path)
  } catch (e) {
    if (e instanceof ScenarioInvalid) return e
    throw e
  }
  throw new Error(`${path} loaded, but should not have`)
}

const yaml = `name: tiny
start: "2024-01-01"
days: 7
areas:
  - id: a
dimensioning:
  - area: a
    patrols: 2
    start: "07:00"
    end: "19:00"
demand:
  feed: feeds/x.ndjson
  synthetic:
    - area: a
      prio: 2
      perDay: 10
      service: { _tag: exponential, meanMinutes: 40 }
`

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "igv-scenario-"))
})

describe("loadScenario", () => {
  it("reads YAML, fills defaults and resolves the feed against the scenario file", async () => {
    const { scenario } = await loadScenario(await file("ok.yaml", yaml))
    expect(scenario.name).toBe("tiny")
    expect(scenario.rules.interruptingPriorities).toEqual([1, 2, 3])
    expect(scenario.demand.feed).toBe(join(dir, "feeds/x.ndjson"))
  })

  it("leaves a URL-like feed (an event store) as it is", async () => {
    const { scenario } = await loadScenario(
      await file("store.yaml", yaml.replace("feed: feeds/x.ndjson", `feed: "sqlite:./data/igv.db?area=a"`))
    )
    expect(scenario.demand.feed).toBe("sqlite:./data/igv.db?area=a")
  })

  it("reads the same scenario as JSON", async () => {
    const { parse } = await import("yaml")
    const { scenario } = await loadScenario(await file("ok.json", JSON.stringify(parse(yaml), null, 2)))
    expect(scenario.days).toBe(7)
  })

  it("names the line and JSON path of a value that does not decode", async () => {
    const bad = yaml.replace(`start: "07:00"`, `start: "7am"`).replace("prio: 2", "prio: 5")
    const e = await failure(await file("bad.yaml", bad))
    expect(e.message).toContain(`bad.yaml:9: at dimensioning[0].start: a time of day must be "HH:MM"`)
    expect(e.message).toContain("bad.yaml:15: at demand.synthetic[0].prio: expected 1, 2 or 3, got 5")
  })

  it("names an unknown area and a duplicate area in the same pass as a value that does not decode, with lines", async () => {
    const bad = yaml
      .replace(`start: "07:00"`, `start: "7am"`)
      .replace("  - area: a\n    patrols", "  - area: b\n    patrols")
      .replace("  - id: a\n", "  - id: a\n  - id: a\n")
    const e = await failure(await file("areas.yaml", bad))
    expect(e.issues).toEqual([
      { path: "dimensioning[0].start", line: 10, message: `a time of day must be "HH:MM" (00:00–24:00)` },
      {
        path: "areas[1].id",
        line: 6,
        message: `area "a" is declared twice (first at areas[0]); give each area one entry`
      },
      { path: "dimensioning[0].area", line: 8, message: `unknown area "b" (declared areas: a)` }
    ])
  })

  it("names the line of the object a required field is missing from", async () => {
    const e = await failure(await file("missing.yaml", yaml.replace("    patrols: 2\n", "")))
    expect(e.issues).toContainEqual(expect.objectContaining({ path: "dimensioning[0].patrols", line: 7 }))
  })

  it("rejects misspelt fields, which would otherwise leave today's practice in place, but allows x- keys", async () => {
    const e = await failure(await file("typo.yaml", `x-note: free\n${yaml}rules:\n  interuptingPriorities: [1, 2]\n`))
    expect(e.issues).toEqual([
      {
        path: "rules.interuptingPriorities",
        line: 20,
        message: expect.stringMatching(
          /^unknown field "interuptingPriorities" \(known here: "interruptingPriorities", "prio3"/
        )
      }
    ])
  })

  it("names the line of a YAML syntax error", async () => {
    const e = await failure(await file("syntax.yaml", yaml.replace("days: 7", "days: [7")))
    expect(e.message).toMatch(/syntax\.yaml:4: not valid YAML \(column 1\): Flow sequence/)
  })

  it("names the line and column of a JSON syntax error", async () => {
    const e = await failure(await file("syntax.json", `{\n  "name": "x",\n  "days": }\n`))
    expect(e.message).toBe(
      "syntax.json:3: not valid JSON (column 11): expected a value, found '}'".replace(
        "syntax.json",
        join(dir, "syntax.json")
      )
    )
  })

  it("says so when the file is missing or empty", async () => {
    expect((await failure(join(dir, "nope.yaml"))).message).toBe(`${join(dir, "nope.yaml")}: no such file`)
    expect((await failure(await file("empty.yaml", "\n"))).message).toContain("the file is empty")
  })

  it("refuses numbers that are no plain numbers: hex, padded, Infinity, and exponents where a whole number is meant", async () => {
    const bad = yaml
      .replace("prio: 2", "prio: 1e0")
      .replace("patrols: 2", "patrols: 0x2")
      .replace("days: 7", "days: 007")
      .replace("perDay: 10", "perDay: 1e999")
      .replace("meanMinutes: 40", "meanMinutes: 0x10")
    const e = await failure(await file("numbers.yaml", bad))
    expect(e.issues).toEqual(
      expect.arrayContaining([
        { path: "days", line: 3, message: `a number must be written in decimal digits (such as 16 or 2.5), not "007"` },
        {
          path: "dimensioning[0].patrols",
          line: 8,
          message: `a number must be written in decimal digits (such as 16 or 2.5), not "0x2"`
        },
        {
          path: "demand.synthetic[0].prio",
          line: 15,
          message: `a whole number must be written in digits without a fraction or exponent, not "1e0"`
        },
        { path: "demand.synthetic[0].perDay", line: 16, message: `"1e999" is too large to be a number` },
        {
          path: "demand.synthetic[0].service.meanMinutes",
          line: 17,
          message: `a number must be written in decimal digits (such as 16 or 2.5), not "0x10"`
        }
      ])
    )
    expect(e.issues).toHaveLength(5)
    // An exponent is fine where a fraction is: minutes, rates.
    const { scenario } = await loadScenario(await file("exp.yaml", yaml.replace("perDay: 10", "perDay: 1.5e1")))
    expect(scenario.demand.synthetic[0]!.perDay).toBe(15)
  })

  it("refuses a fraction or an exponent where a whole number is meant, when it is the scenario's only fault", async () => {
    const only = async (name: string, patrols: string) =>
      (await failure(await file(name, yaml.replace("patrols: 2", `patrols: ${patrols}`)))).issues
    const whole = (source: string) => ({
      path: "dimensioning[0].patrols",
      line: 8,
      message: `a whole number must be written in digits without a fraction or exponent, not "${source}"`
    })
    // 2.0 and 2e0 pass the schema as 2: only the way they are written is wrong.
    expect(await only("two-point-zero.yaml", "2.0")).toEqual([whole("2.0")])
    expect(await only("two-e-zero.yaml", "2e0")).toEqual([whole("2e0")])
    expect(await only("two-and-a-half.yaml", "2.5")).toEqual([whole("2.5")])
  })

  it("refuses Infinity in JSON too (1e999), where it would otherwise poison the stored scenario", async () => {
    const { parse } = await import("yaml")
    const value = parse(yaml) as { demand: { synthetic: Array<Record<string, unknown>> } }
    value.demand.synthetic[0]!["hourOfWeekProfile"] = Array.from({ length: 168 }, () => 1)
    const text = JSON.stringify(value).replace("[1,1,", "[1e999,1,").replace(`"prio":2`, `"prio":2.0`)
    const e = await failure(await file("inf.json", text))
    expect(e.issues.map((i) => [i.path, i.message])).toEqual([
      [
        "demand.synthetic[0].prio",
        `a whole number must be written in digits without a fraction or exponent, not "2.0"`
      ],
      ["demand.synthetic[0].hourOfWeekProfile[0]", `"1e999" is too large to be a number`]
    ])
  })

  it("refuses a start that is no calendar day, and nesting deeper than any scenario", async () => {
    const e = await failure(await file("feb.yaml", yaml.replace(`start: "2024-01-01"`, `start: "2024-02-30"`)))
    expect(e.message).toContain("feb.yaml:2: at start: February 2024 has days 01 to 29")
    const deep = await failure(await file("deep.json", `{"name": ${"[".repeat(5000)}${"]".repeat(5000)}}`))
    expect(deep.message).toMatch(/deep\.json: nested 5001 levels deep; at most 64 are allowed$/)
  })
})
