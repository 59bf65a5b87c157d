import { describe, expect, it } from "vitest"
import { formatFigure, formatSigned, formatValue } from "./figures.js"
import { table } from "./table.js"

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
    expect(table(["", "a", "bb"], [["x", "1", "22"], ["long label", "333", "4"]]).split("\n")).toEqual([
      "              a  bb",
      "──────────  ───  ──",
      "x             1  22",
      "long label  333   4"
    ])
  })
})
