import { describe, expect, it } from "vitest"
import { formatFigure, formatSigned, formatValue } from "./figures.js"
import { compareTable } from "./compare-table.js"
import { table, textBlocks } from "./table.js"

describe("figures", () => {
  it("shows shares as per cent, counts whole for one run and with a decimal for means", () => {
    expect(formatValue(0.2712, "%")).toBe("27.1 %")
    expect(formatValue(12, "n")).toBe("12")
    expect(formatValue(12, "n", true)).toBe("12.0")
    expect(formatFigure(0.8592, "%", 0.0041)).toBe("85.9 % ± 0.4")
    expect(formatFigure(1348.3, "n", 14.3)).toBe("1348.3 ± 14.3")
    expect(formatValue(Number.NaN, "h")).toBe("–")
  })

  it("signs differences, and never shows a rounded zero as negative", () => {
    expect(formatSigned(517.8, "h")).toBe("+517.8")
    expect(formatSigned(-0.0004, "%")).toBe("0.0 %")
    expect(formatSigned(-0.00004, "h")).toBe("0.0")
    expect(formatSigned(-0.091, "%")).toBe("-9.1 %")
  })
})

describe("table", () => {
  it("aligns the first column left and the others right", () => {
    expect(
      table(
        ["", "a", "bb"],
        [
          ["x", "1", "22"],
          ["long label", "333", "4"]
        ]
      ).split("\n")
    ).toEqual(["              a  bb", "──────────  ───  ──", "x             1  22", "long label  333   4"])
  })
})

describe("compare rows", () => {
  const row = (path: string, a: number | null, b: number | null) => ({
    path,
    a,
    b,
    aHalfWidth: 0,
    bHalfWidth: 0,
    delta: a === null || b === null ? null : b - a,
    halfWidth: 0,
    significant: false
  })

  it("shows a figure over no data as — and lists unstaffed hours, never-dispatched calls and each tag's planned and unstaffed hours", () => {
    const text = textBlocks([
      compareTable(
        [
          row("lineTime.plannedHours", 10, 10),
          row("lineTime.unstaffedHours", 0, 4),
          row("lineTime.unstaffed.reserve", 0, 4),
          row("lineTime.survival", null, 0.5),
          row("response.1.undispatched", 3, 0),
          row("byTag[p].plannedHours", 4, 4),
          row("byTag[p].unstaffedHours", 0, 4),
          row("byTag[p].survival", 1, 0)
        ],
        { a: "A", b: "B" }
      )
    ])
    const line = (label: string) => text.split("\n").find((l) => l.startsWith(label))!
    // Without a difference to judge, "significant" is not measured either: —, not "no".
    expect(line("line-time survival")).toMatch(/\s—\s+50\.0 %\s+—\s+—$/)
    expect(line("    held back by the reserve, h")).toMatch(/0\.0\s+4\.0\s+\+4\.0 ± 0\.0/)
    expect(line("prio 1 never dispatched")).toMatch(/3\.0\s+0\.0\s+-3\.0/)
    expect(line("  unstaffed h of p")).toMatch(/\+4\.0/)
  })

  it("with --all, reads shares, hours and minutes off the path", () => {
    const text = textBlocks([
      compareTable(
        [row("response.2.arrivedWithinTarget", 0.5, 0.25), row("byArea.x.lineTime.unstaffed.nobodyOnDuty", 1, 2)],
        { a: "A", b: "B" },
        true
      )
    ])
    expect(text).toMatch(/response\.2\.arrivedWithinTarget\s+50\.0 %\s+25\.0 %/)
    expect(text).toMatch(/byArea\.x\.lineTime\.unstaffed\.nobodyOnDuty\s+1\.0\s+2\.0\s+\+1\.0 ± 0\.0/)
  })
})
