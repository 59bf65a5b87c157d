import { expect } from "vitest"
import { describeAgreement, type Agreement } from "./agreement.js"

/** Logs the comparison, then fails unless theory lies inside the interval and the interval is as narrow as required. */
export const expectAgreement = (r: Agreement): void => {
  console.log(describeAgreement(r))
  expect(r.theoryInside, describeAgreement(r)).toBe(true)
  expect(r.preciseEnough, describeAgreement(r)).toBe(true)
}
