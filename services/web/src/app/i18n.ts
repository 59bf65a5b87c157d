/** The page in Swedish (default: the police's own words) or English; numbers and times as in Sweden. */
export type Lang = "sv" | "en"

const TEXT = {
  title: { sv: "IGV – planerad tid och avbrott", en: "IGV – planned time and interruptions" },
  login: { sv: "Logga in", en: "Log in" },
  keyLabel: { sv: "API-nyckel", en: "API key" },
  keyHelp: { sv: "Nyckeln sparas bara i den här fliken och glöms när den stängs.", en: "The key is kept in this tab only and forgotten when it closes." },
  logout: { sv: "Logga ut", en: "Log out" },
  badKey: { sv: "Nyckeln godtogs inte.", en: "The key was not accepted." },
  compare: { sv: "Jämför scenarier", en: "Compare scenarios" },
  timeline: { sv: "Avbrott per patrull", en: "Interruption timeline" },
  runA: { sv: "Körning A", en: "Run A" },
  runB: { sv: "Körning B", en: "Run B" },
  run: { sv: "Körning", en: "Run" },
  show: { sv: "Visa", en: "Show" },
  noRuns: { sv: "Inga färdiga körningar.", en: "No completed runs." },
  forbidden: { sv: "Din roll får inte se detta.", en: "Your role may not see this." },
  delta: { sv: "Skillnad B − A med 95 % konfidensintervall", en: "Difference B − A with 95 % confidence interval" },
  significant: { sv: "signifikant", en: "significant" },
  notSignificant: { sv: "ej signifikant", en: "not significant" },
  survival: { sv: "Överlevnad för planerad linjeverksamhet (RLC-avbrott)", en: "Survival of planned line time (RLC interruptions)" },
  interruptionsByPrio: { sv: "Avbrott per prioritet", en: "Interruptions by priority" },
  withinTarget: { sv: "Andel utlarmade inom målet (4 / 20 / 240 min)", en: "Share dispatched within target (4 / 20 / 240 min)" },
  arrivalWithinTarget: { sv: "Andel på plats inom målet", en: "Share on scene within target" },
  timeUse: { sv: "Tidsanvändning för IGV-patruller och områdespoliser, timmar", en: "Time use of IGV patrols and community officers, hours" },
  byTag: { sv: "Överlevnad per medborgarlöfte (märkning)", en: "Survival by citizen promise (tag)" },
  patrol: { sv: "Patrull", en: "Patrol" },
  block: { sv: "Planerat block", en: "Planned block" },
  tag: { sv: "Märkning", en: "Tag" },
  call: { sv: "Händelse", en: "Call" },
  priority: { sv: "Prioritet", en: "Priority" },
  interrupted: { sv: "Avbrutet", en: "Interrupted" },
  minutesLost: { sv: "Förlorade minuter", en: "Minutes lost" },
  rule: { sv: "Regel som tillät avbrottet", en: "Rule that allowed it" },
  area: { sv: "Område", en: "Area" },
  details: { sv: "Klicka på ett avbrott för detaljer (eller Tab och Enter).", en: "Click an interruption for its details (or Tab and Enter)." },
  noInterruptions: { sv: "Inga avbrott i körningen.", en: "No interruptions in this run." },
  time: { sv: "Tid", en: "Time" },
  language: { sv: "Språk", en: "Language" },
  a: { sv: "A", en: "A" },
  b: { sv: "B", en: "B" },
  prio: { sv: "prio", en: "prio" },
  hours: { sv: "timmar", en: "hours" },
  share: { sv: "andel", en: "share" },
  jobs: { sv: "uppdrag", en: "jobs" },
  planned: { sv: "planerade block", en: "planned blocks" },
  free: { sv: "HR-fri tid", en: "free time" },
  deltaAxis: { sv: "B − A, procentenheter", en: "B − A, percentage points" },
  paired: { sv: "parade replikeringar (samma ärenden)", en: "paired replications (same calls)" },
  unpaired: { sv: "ej parade", en: "not paired" },
  replication0: { sv: "Replikering 0 av körningen.", en: "Replication 0 of the run." }
} as const

export type TextKey = keyof typeof TEXT

let current: Lang = (sessionStorage.getItem("igv-lang") as Lang | null) ?? "sv"
export const lang = (): Lang => current
export const setLang = (l: Lang): void => {
  current = l
  sessionStorage.setItem("igv-lang", l)
  document.documentElement.lang = l
}
export const t = (key: TextKey): string => TEXT[key][current]

const locale = () => (current === "sv" ? "sv-SE" : "en-GB")
export const number = (x: number, digits = 1): string => x.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits })
export const percent = (x: number): string => `${number(x * 100)} %`
/** Minutes since the epoch in Stockholm time. */
export const stockholm = (minutes: number): string =>
  new Date(minutes * 60_000).toLocaleString("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
