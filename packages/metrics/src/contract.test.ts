import { Report, ReplicatedReport } from "@igv/domain"
import { Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { legalFeed } from "./feed.test-util.js"
import { fold, reportProjection, summarizeReplications } from "./index.js"

describe("the --json contract", () => {
  it("every report decodes as the domain's Report, and round-trips through JSON", () => {
    fc.assert(
      fc.property(legalFeed(), (feed) => {
        const r = fold(reportProjection({ recordedFeed: {} }), feed.events)
        const json = JSON.parse(JSON.stringify(r))
        expect(json).toEqual(r)
        const decoded = Schema.decodeUnknownSync(Report)(json)
        expect(decoded.lineTime.survival).toBe(r.lineTime.survival)
      }),
      { numRuns: 100 }
    )
  })

  it("a replication summary decodes as the domain's ReplicatedReport", () => {
    const reports = fc
      .sample(legalFeed(), { numRuns: 4, seed: 7 })
      .map((f) => fold(reportProjection({ recordedFeed: {} }), f.events))
    const s = summarizeReplications(reports)
    expect(() => Schema.decodeUnknownSync(ReplicatedReport)(JSON.parse(JSON.stringify(s)))).not.toThrow()
  })
})
