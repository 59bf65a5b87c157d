import { describe, expect, it } from "vitest"
import { factor } from "./factor.test-util.js"
import type { SweepRow } from "./sweep.js"
import { sweepHtml } from "./sweep-plot.js"

const factors = [factor("rules.prio3.deferLimitMinutes=60..180:60"), factor("rules.prio3.handling=dispatch|defer")]
const row = (
  point: number,
  limit: number,
  handling: string,
  mean: number | null,
  halfWidth: number | null
): SweepRow => ({
  point,
  values: { "rules.prio3.deferLimitMinutes": limit, "rules.prio3.handling": handling },
  replications: 3,
  metrics: { "lineTime.survival": { mean, halfWidth }, "interruptions.total": { mean: point * 2, halfWidth: 1 } }
})
const rows = [
  row(0, 60, "dispatch", 0.5, 0.1),
  row(1, 60, "defer", 0.7, 0.05),
  row(2, 120, "dispatch", 0.55, null),
  row(3, 120, "defer", null, null),
  row(4, 180, "defer", 0.9, 0.02)
]
const metrics = ["lineTime.survival", "interruptions.total"]

/** The charts of the page, each with its marks: point, dot height, whether it has an interval bar. */
const charts = (html: string) =>
  [...html.matchAll(/<figure><h3>(.*?)<\/h3>(.*?)<\/figure>/g)].map(([, title, body]) => ({
    title,
    body: body!,
    marks: [...body!.matchAll(/<g class="mark" data-point="(\d+)">(.*?)<\/g>/g)].map(([, point, mark]) => ({
      point: Number(point),
      cy: Number(/<circle [^>]*cy="([\d.]+)"/.exec(mark!)![1]),
      bar: mark!.includes("<line")
    }))
  }))

describe("the sweep's page", () => {
  const html = sweepHtml(factors, metrics, rows, { scenario: "LPO <mid> & co", replications: 3, seed: 7 })

  it("has a chart per metric and factor, with one mark per measured point: its mean as a dot, its interval as a bar", () => {
    const all = charts(html)
    expect(all.map((c) => c.title)).toEqual(metrics.flatMap((m) => factors.map((f) => `${m} against ${f.path}`)))
    const survival = all[0]!
    expect(survival.marks.map((m) => m.point)).toEqual([0, 1, 2, 4])
    expect(survival.marks.map((m) => m.bar)).toEqual([true, true, false, true])
    // A higher mean is drawn higher (smaller y): 0.9 > 0.7 > 0.55 > 0.5.
    const cy = Object.fromEntries(survival.marks.map((m) => [m.point, m.cy]))
    expect(cy[4]! < cy[1]! && cy[1]! < cy[2]! && cy[2]! < cy[0]!).toBe(true)
    expect(survival.body).toContain("1 of 5 points not measured (not drawn)")
    expect(survival.body).toContain("no interval (one replication)")
    for (const c of all.slice(2)) expect(c.marks.map((m) => m.point)).toEqual([0, 1, 2, 3, 4])
  })

  it("places a numeric setting by value and any other by its level", () => {
    const [byLimit, byHandling] = charts(html)
    const cx = (body: string, point: number) =>
      Number(new RegExp(`data-point="${point}">.*?cx="([\\d.]+)"`).exec(body)![1])
    // 60, 120, 180 minutes are evenly spaced; dispatch and defer each have one place.
    expect(cx(byLimit!.body, 2) - cx(byLimit!.body, 0)).toBeCloseTo(cx(byLimit!.body, 4) - cx(byLimit!.body, 2), 0)
    expect(cx(byHandling!.body, 0)).toBe(cx(byHandling!.body, 2))
    expect(cx(byHandling!.body, 1)).toBe(cx(byHandling!.body, 4))
    expect(cx(byHandling!.body, 0)).not.toBe(cx(byHandling!.body, 1))
  })

  it("is self-contained, its text escaped, with the table below", () => {
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(|@import/i)
    expect(html).toContain("<title>Sweep of LPO &lt;mid&gt; &amp; co</title>")
    expect(html).toContain("<td>not measured</td>")
    expect([...html.matchAll(/<tr><td>\d+<\/td>/g)]).toHaveLength(5)
  })
})
