/** A figure over no data (null) fails the test that compares it: every figure compared must be measured. */
export const measuredFigure = (x: number | null, what: string): number => {
  if (x === null) throw new Error(`${what}: not measured`)
  return x
}

export const measuredFigures = (xs: ReadonlyArray<number | null>, what: string): Array<number> =>
  xs.map((x) => measuredFigure(x, what))
