/** The page in Swedish (default: the police's own words) or English; numbers and times as in Sweden. */
export type Lang = "sv" | "en"

const TEXT = {
  title: { sv: "IGV – planerad tid och avbrott", en: "IGV – planned time and interruptions" },
  login: { sv: "Logga in", en: "Log in" },
  keyLabel: { sv: "API-nyckel", en: "API key" },
  keyHelp: {
    sv: "Nyckeln sparas bara i den här fliken och glöms när den stängs.",
    en: "The key is kept in this tab only and forgotten when it closes."
  },
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
  survival: {
    sv: "Överlevnad för planerad linjeverksamhet (RLC-avbrott)",
    en: "Survival of planned line time (RLC interruptions)"
  },
  interruptionsByPrio: { sv: "Avbrott per prioritet", en: "Interruptions by priority" },
  withinTarget: {
    sv: "Andel utlarmade inom målet (4 / 20 / 240 min)",
    en: "Share dispatched within target (4 / 20 / 240 min)"
  },
  arrivalWithinTarget: { sv: "Andel på plats inom målet", en: "Share on scene within target" },
  timeUse: {
    sv: "Tidsanvändning för IGV-patruller och områdespoliser, timmar",
    en: "Time use of IGV patrols and community officers, hours"
  },
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
  details: {
    sv: "Klicka på ett avbrott för detaljer (eller Tab och Enter).",
    en: "Click an interruption for its details (or Tab and Enter)."
  },
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
  interruptionsCount: { sv: "avbrott", en: "interruptions" },
  unstaffed: { sv: "obemannat", en: "unstaffed" },
  plannedAsScheduled: { sv: "planerat block enligt plan", en: "planned block as scheduled" },
  delivered: { sv: "genomförd planerad tid", en: "planned time delivered" },
  where: { sv: "Var och när", en: "Where and when" },
  weekFrom: { sv: "Vecka från", en: "Week from" },
  hourOfDay: { sv: "timme på dygnet", en: "hour of day" },
  survivalShort: { sv: "överlevnad", en: "survival" },
  survivalByHour: { sv: "Överlevnad per timme i veckan", en: "Survival by hour of the week" },
  interruptionsByHour: { sv: "Avbrott per timme i veckan", en: "Interruptions by hour of the week" },
  emptyNotMeasured: { sv: "Tom ruta: inget planerat (inte mätt).", en: "Empty cell: nothing planned (not measured)." },
  survivalByArea: {
    sv: "Överlevnad per område (medel över replikeringar)",
    en: "Survival by area (mean over replications)"
  },
  interruptionsByArea: {
    sv: "Avbrott per 100 planerade timmar, per område (medel över replikeringar)",
    en: "Interruptions per 100 planned hours, by area (mean over replications)"
  },
  per100PlannedHours: { sv: "per 100 planerade timmar", en: "per 100 planned hours" },
  notMeasured: { sv: "inte mätt", en: "not measured" },
  beyondHorizon: {
    sv: "Planerat efter horisontens slut (ej simulerat, utanför överlevnaden)",
    en: "Planned past the horizon's end (not simulated, left out of survival)"
  },
  runs: { sv: "Körningar", en: "Runs" },
  runsCaption: {
    sv: "Körningar, nyast först; uppdateras medan någon köar eller körs",
    en: "Runs, newest first; refreshed while any is queued or running"
  },
  scenario: { sv: "Scenario", en: "Scenario" },
  replications: { sv: "Replikeringar", en: "Replications" },
  startRun: { sv: "Starta körning", en: "Start a run" },
  queued: { sv: "Köad", en: "Queued" },
  cancelled: { sv: "Avbruten", en: "Cancelled" },
  cancel: { sv: "Avbryt", en: "Cancel" },
  status: { sv: "Status", en: "Status" },
  progress: { sv: "Förlopp (replikeringar)", en: "Progress (replications)" },
  requested: { sv: "Beställd", en: "Requested" },
  status_queued: { sv: "i kö", en: "queued" },
  status_running: { sv: "körs", en: "running" },
  status_completed: { sv: "klar", en: "completed" },
  status_failed: { sv: "misslyckades", en: "failed" },
  status_cancelled: { sv: "avbruten", en: "cancelled" },
  scenarios: { sv: "Scenarioversioner", en: "Scenario versions" },
  versionFrom: { sv: "Från version", en: "From version" },
  versionTo: { sv: "Till version", en: "To version" },
  path: { sv: "Inställning", en: "Setting" },
  change: { sv: "Ändring", en: "Change" },
  before: { sv: "Före", en: "Before" },
  after: { sv: "Efter", en: "After" },
  noChanges: { sv: "Inga skillnader.", en: "No differences." },
  oneVersion: { sv: "Scenariot har bara en version.", en: "The scenario has one version only." },
  noScenarios: { sv: "Inga scenarier.", en: "No scenarios." },
  op_added: { sv: "tillagd", en: "added" },
  op_removed: { sv: "borttagen", en: "removed" },
  op_changed: { sv: "ändrad", en: "changed" },
  by: { sv: "av", en: "by" },
  docs: { sv: "API-dokumentation", en: "API documentation" },
  docsJson: { sv: "Samma dokument som JSON:", en: "The same document as JSON:" },
  docsKey: { sv: "kräver en nyckel", en: "needs a key" },
  permission: { sv: "Behörighet", en: "Permission" },
  public: { sv: "öppen (ingen nyckel)", en: "public (no key)" },
  parameters: { sv: "Parametrar", en: "Parameters" },
  name: { sv: "Namn", en: "Name" },
  in: { sv: "I", en: "In" },
  required: { sv: "Krävs", en: "Required" },
  schema: { sv: "Schema", en: "Schema" },
  description: { sv: "Beskrivning", en: "Description" },
  requestBody: { sv: "Anropets innehåll", en: "Request body" },
  mediaType: { sv: "Medietyp", en: "Media type" },
  responses: { sv: "Svar", en: "Responses" },
  statusCode: { sv: "Kod", en: "Code" },
  schemas: { sv: "Scheman", en: "Schemas" },
  meanOf: { sv: "Medel över", en: "Mean over" },
  replicationsLower: { sv: "replikeringar", en: "replications" },
  all: { sv: "alla områden", en: "all areas" },
  madeBy: { sv: "Skapad av igv", en: "Made by igv" },
  simulated: { sv: "Simulerat, körningens replikering", en: "Simulated, the run's replication" },
  replication: { sv: "Replikering", en: "Replication" },
  recorded: { sv: "Verkligt utfall (lagrade händelser)", en: "What really happened (stored events)" },
  day: { sv: "Dag", en: "Day" },
  span: { sv: "Period", en: "Span" },
  oneDay: { sv: "ett dygn", en: "one day" },
  oneWeek: { sv: "en vecka", en: "one week" },
  allPatrols: { sv: "alla patruller", en: "all patrols" },
  recordedDay: { sv: "Dag i historiken", en: "Day in the history" },
  shift: { sv: "Pass", en: "Shift" },
  job: { sv: "Uppdrag", en: "Job" },
  lost: { sv: "avbrott (förlorad blocktid)", en: "interruption (block time lost)" },
  registered: { sv: "Registrerad", en: "Registered" },
  dispatched: { sv: "Utlarmad", en: "Dispatched" },
  onScene: { sv: "På plats", en: "On scene" },
  cleared: { sv: "Avslutad", en: "Cleared" },
  recalledTo: { sv: "återkallad till en mer brådskande händelse", en: "recalled to a more urgent call" },
  notRecorded: { sv: "inte registrerat", en: "not recorded" },
  recordedRule: {
    sv: "Verkligt utfall: ingen scenarioregel, så här larmade RLC",
    en: "Recorded: no scenario rule, this is how the RLC dispatched"
  },
  nothingInWindow: { sv: "Inga händelser i perioden.", en: "No events in this window." },
  noRecorded: {
    sv: "Historiken har inga händelser för perioden (inte mätt).",
    en: "The history holds no events in this window (not measured)."
  },
  attribute: {
    sv: "Fördela skillnaden på de ändrade inställningarna (kör A en gång till per inställning)",
    en: "Attribute the difference to each changed setting (runs A once more per setting)"
  },
  attribution: { sv: "Vad varje ändrad inställning gör", en: "What each changed setting does" },
  attributionChart: {
    sv: "B:s inställning ensam på A: effekt med 95 % konfidensintervall, procentenheter",
    en: "B's setting alone on A: effect with 95 % confidence interval, percentage points"
  },
  attributionTable: {
    sv: "Effekt per inställning (medel ± 95 %-halvbredd över parade replikeringar; * signifikant, — inte mätt)",
    en: "Effect per setting (mean ± 95 % half-width over paired replications; * significant, — not measured)"
  },
  settingAlone: { sv: "B:s inställning ensam på A", en: "B's setting alone on A" },
  interaction: { sv: "samspel (resten av B − A)", en: "interaction (rest of B − A)" },
  totalBA: { sv: "B − A totalt", en: "B − A in total" },
  deliveredHours: { sv: "genomförd planerad tid, h", en: "planned time delivered, h" },
  pp: { sv: "pe", en: "pp" },
  hoursShort: { sv: "h", en: "h" },
  notAttributed: { sv: "Kan inte fördelas", en: "Cannot be attributed" },
  ofTheRun: { sv: "av körningen", en: "of the run" },
  dispatchDistribution: {
    sv: "Tid till utlarmning per prioritet, minuter (streck: målet)",
    en: "Time to dispatch by priority, minutes (dashed: the target)"
  },
  arrivalDistribution: {
    sv: "Tid till på plats per prioritet, minuter (streck: målet)",
    en: "Time to on scene by priority, minutes (dashed: the target)"
  },
  minutesAxis: { sv: "minuter", en: "minutes" },
  mean: { sv: "medel", en: "mean" },
  target: { sv: "mål", en: "target" },
  tasks: { sv: "uppgifter från gruppchef", en: "group chief's tasks" },
  ledLine: { sv: "ledd linjeverksamhet", en: "led line work" },
  datedEvents: { sv: "daterade händelser (kommenderingar)", en: "dated events (operations)" },
  briefing: { sv: "genomgång", en: "briefing" },
  meals: { sv: "måltid", en: "meals" },
  reportWriting: { sv: "rapportskrivning", en: "report writing" },
  transports: { sv: "transporter", en: "transports" },
  selfInitiated: { sv: "egeninitierat (antagande)", en: "self-initiated (assumed share)" },
  standby: { sv: "beredskap", en: "standby" },
  survivalByAreaAB: {
    sv: "Överlevnad per område, A och B (B − A ± 95 %, procentenheter)",
    en: "Survival by area, A and B (B − A ± 95 %, percentage points)"
  },
  interruptionsByAreaAB: {
    sv: "Avbrott per område, A och B (B − A ± 95 %)",
    en: "Interruptions by area, A and B (B − A ± 95 %)"
  }
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
export const number = (x: number, digits = 1): string =>
  x.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits })
export const percent = (x: number): string => `${number(x * 100)} %`
/** Minutes since the epoch in Stockholm time. */
export const stockholm = (minutes: number): string =>
  new Date(minutes * 60_000).toLocaleString("sv-SE", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit"
  })
