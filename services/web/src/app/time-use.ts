import { t } from "./i18n.js"

/**
 * The report's time-use categories, in the order a planner reads them. Led line work overlaps planned blocks and
 * tasks, and self-initiated + standby split free time: each is a figure of its own, not a slice of one whole.
 * The optional ones are in a report only when its scenario (or window) has them; absent, they are left out.
 */
export const TIME_USE: ReadonlyArray<readonly [key: string, label: () => string]> = [
  ["prio1Hours", () => `${t("prio")} 1 ${t("jobs")}`],
  ["prio2Hours", () => `${t("prio")} 2 ${t("jobs")}`],
  ["prio3Hours", () => `${t("prio")} 3 ${t("jobs")}`],
  ["plannedHours", () => t("planned")],
  ["taskHours", () => t("tasks")],
  ["ledLineHours", () => t("ledLine")],
  ["calendarEventHours", () => t("datedEvents")],
  ["briefingHours", () => t("briefing")],
  ["mealHours", () => t("meals")],
  ["reportWritingHours", () => t("reportWriting")],
  ["transportHours", () => t("transports")],
  ["freeHours", () => t("free")],
  ["selfInitiatedHours", () => t("selfInitiated")],
  ["standbyHours", () => t("standby")]
]
