import { UsageError, type OptionValues } from "../command.js"

/** The languages of text output: Swedish for the police's own words, English as the code speaks. */
export type Lang = "sv" | "en"
export const LANGS: ReadonlyArray<Lang> = ["sv", "en"]

export const LANG_HELP = `  --lang sv|en        language of the readable and CSV output (default en): labels, and numbers with a
                      decimal comma in Swedish; JSON is the same in both`

export const langOption = (values: OptionValues): Lang => {
  const v = values["lang"]
  if (v === undefined) return "en"
  if (v === "sv" || v === "en") return v
  throw new UsageError(`--lang must be sv or en, not "${String(v)}"`)
}

/**
 * Every fixed label of the report, compare, attribution and interruption tables, in Swedish. A test renders each
 * table in Swedish and fails on any label missing here, so no English line slips into a Swedish report.
 */
const SV: Readonly<Record<string, string>> = {
  // report: planned line time
  "Planned line time": "Planerad linjeverksamhet",
  "planned hours (staffed + unstaffed)": "planerade timmar (bemannade + obemannade)",
  "staffed (given to a patrol)": "bemannade (fick en patrull)",
  "unstaffed (no patrol given, never delivered)": "obemannade (ingen patrull, aldrig utförda)",
  "nobody of its kind on duty": "ingen av dess slag i tjänst",
  "patrols held back by the reserve": "patruller hållna i reserv",
  "too few patrols free of other blocks": "för få patruller fria från andra block",
  "planned past the horizon's end (not simulated, in no figure here)":
    "planerat efter horisontens slut (ej simulerat, i ingen siffra här)",
  "delivered hours": "utförda timmar",
  "survival (delivered / planned)": "överlevnad (utfört / planerat)",
  "blocks planned": "planerade block",
  "blocks unstaffed": "obemannade block",
  "blocks that ran and were never interrupted": "block som genomfördes utan avbrott",
  "blocks started late (patrol still on a job)": "block som började sent (patrullen kvar på ett uppdrag)",
  "hours lost to late starts": "timmar förlorade på sen start",
  "median uninterrupted segment, min": "median för oavbruten del, min",
  "Uninterrupted segments, min": "Oavbrutna delar, min",
  count: "antal",
  // interruptions
  "Interruptions of planned blocks": "Avbrott i planerade block",
  total: "totalt",
  "by prio 1": "av prio 1",
  "by prio 2": "av prio 2",
  "by prio 3": "av prio 3",
  "gave way to dated events": "fick ge vika för daterade händelser",
  "per 100 planned hours": "per 100 planerade timmar",
  // response
  "Response (registered → patrol ordered → on scene)": "Respons (registrerad → patrull beordrad → på plats)",
  "prio 1": "prio 1",
  "prio 2": "prio 2",
  "prio 3": "prio 3",
  "incidents registered": "registrerade händelser",
  "handled another way": "hanterade på annat sätt",
  "never dispatched (no patrol by the end)": "aldrig utlarmade (ingen patrull före slutet)",
  "figures below over n calls (dispatched + never)": "siffrorna nedan över n ärenden (utlarmade + aldrig)",
  "target, min": "mål, min",
  "dispatched within target": "utlarmade inom målet",
  "mean dispatch, min": "medel till utlarmning, min",
  "p50 dispatch, min": "p50 till utlarmning, min",
  "p90 dispatch, min": "p90 till utlarmning, min",
  "p99 dispatch, min": "p99 till utlarmning, min",
  "patrol on scene": "patrull på plats",
  "on scene within target": "på plats inom målet",
  "mean arrival, min": "medel till ankomst, min",
  "p50 arrival, min": "p50 till ankomst, min",
  "p90 arrival, min": "p90 till ankomst, min",
  "p99 arrival, min": "p99 till ankomst, min",
  // time use
  "Time use, hours on duty": "Tidsanvändning, timmar i tjänst",
  all: "alla",
  "IGV patrols": "IGV-patruller",
  "community officers": "områdespoliser",
  "prio 1 jobs": "prio 1-uppdrag",
  "prio 2 jobs": "prio 2-uppdrag",
  "prio 3 jobs": "prio 3-uppdrag",
  "planned blocks": "planerade block",
  "dated events (operations, special events, kommenderingar)":
    "daterade händelser (insatser, särskilda händelser, kommenderingar)",
  "free (base assignment, waiting)": "HR-fri tid (grunduppdrag, väntan)",
  "tasks (group chief's list)": "uppgifter (gruppchefens lista)",
  "led line work (blocks + tasks)": "ledd linjeverksamhet (block + uppgifter)",
  briefing: "genomgång",
  meals: "måltider",
  "report writing": "rapportskrivning",
  transports: "transporter",
  "free, unled": "fri tid, oledd",
  "self-initiated prevention (assumed share)": "egeninitierat brottsförebyggande (antagen andel)",
  "standby, waiting for jobs": "beredskap, väntan på uppdrag",
  // community officers
  "Community officers' rostered time": "Områdespolisernas schemalagda tid",
  "rostered hours": "schemalagda timmar",
  "on duty in the community pool": "i tjänst som områdespolis",
  "own mission (less calls, their reports and transports, dated events)":
    "eget uppdrag (utom ärenden, deras rapporter och transporter, daterade händelser)",
  "shifts taken into the area's IGV": "pass tagna till områdets IGV",
  "shifts taken into a neighbour's IGV": "pass tagna till grannområdets IGV",
  "shifts taken into other duties": "pass tagna till annan tjänst",
  "absent, not covered": "frånvarande, ej ersatta",
  "absent, covered by a substitute (on duty above)": "frånvarande, ersatta av vikarie (i tjänst ovan)",
  "own-mission share of rostered time": "andel eget uppdrag av schemalagd tid",
  // tasks
  "Tasks (the group chief's list)": "Uppgifter (gruppchefens lista)",
  "assigned at duty start": "tilldelade vid passets början",
  completed: "slutförda",
  "abandoned (duty ended, or not resumed)": "övergivna (passet slut, eller ej återupptagna)",
  "assigned hours": "tilldelade timmar",
  "worked hours": "arbetade timmar",
  "worked / assigned": "arbetat / tilldelat",
  "interrupted by calls": "avbrutna av ärenden",
  "total on duty": "totalt i tjänst",
  "prio 1+2 share": "andel prio 1+2",
  // by area, by tag
  "By area": "Per område",
  "planned h": "planerade h",
  "unstaffed h": "obemannade h",
  "delivered h": "utförda h",
  survival: "överlevnad",
  interruptions: "avbrott",
  "never dispatched": "aldrig utlarmade",
  "prio 1 in target": "prio 1 inom mål",
  "prio 2 in target": "prio 2 inom mål",
  "By tag (e.g. citizen promise)": "Per märkning (t.ex. medborgarlöfte)",
  // compare
  "": "",
  "delta B − A": "skillnad B − A",
  significant: "signifikant",
  yes: "ja",
  no: "nej",
  "planned line time (staffed + unstaffed), h": "planerad linjeverksamhet (bemannad + obemannad), h",
  "unstaffed (no patrol given), h": "obemannad (ingen patrull), h",
  "nobody of its kind on duty, h": "ingen av dess slag i tjänst, h",
  "held back by the reserve, h": "hållen i reserv, h",
  "too few patrols free, h": "för få fria patruller, h",
  "delivered line time, h": "utförd linjeverksamhet, h",
  "line-time survival": "linjeverksamhetens överlevnad",
  "blocks that ran, never interrupted": "block utan avbrott",
  "blocks started late (patrol on a job)": "block som började sent (patrull på uppdrag)",
  "interruptions per 100 planned h": "avbrott per 100 planerade h",
  "prio 1+2 share of IGV time (report: 4–27 %)": "andel prio 1+2 av IGV-tiden (rapporten: 4–27 %)",
  "prio 1+2 share, IGV and community": "andel prio 1+2, IGV och områdespoliser",
  "IGV free time (base assignment), h": "IGV HR-fri tid (grunduppdrag), h",
  "community officers in planned blocks, h": "områdespoliser i planerade block, h",
  "community officers on prio 3 jobs, h": "områdespoliser på prio 3-uppdrag, h",
  // compare: how A and B were run, which settings B changes
  "delta ± 95 % half-width of the paired difference": "skillnad ± 95 % halvbredd för den parade skillnaden",
  "delta ± 95 % half-width of an unpaired (Welch) comparison":
    "skillnad ± 95 % halvbredd för en oparad jämförelse (Welch)",
  "B sets everything as A does (names and seeds aside)": "B har samma inställningar som A (utom namn och frön)",
  "Attribution of B − A. Each row above the interaction is one setting's own effect: B's value of that setting":
    "Uppdelning av B − A. Varje rad ovanför samspelet är en inställnings egen effekt: B:s värde för inställningen",
  "the settings do only together: B − A minus the sum of the own effects. Mean ± 95 % half-width; survival and":
    "inställningarna gör bara tillsammans: B − A minus summan av de egna effekterna. Medel ± 95 % halvbredd; överlevnad och",
  "delivered hours of planned line time, shares of calls dispatched within target, prio 3 calls handled another way.":
    "utförda timmar av planerad linjeverksamhet, andelar ärenden utlarmade inom målet, prio 3-ärenden hanterade på annat sätt.",
  // interruption list
  time: "tid",
  area: "område",
  patrol: "patrull",
  block: "block",
  tag: "märkning",
  call: "händelse",
  priority: "prioritet",
  "minutes lost": "förlorade minuter",
  // igv analytics queries
  "hour of week": "timme i veckan",
  prio: "prio",
  "per run": "per körning",
  "planned min lost": "förlorade planerade min",
  "lost min per run": "förlorade min per körning",
  version: "version",
  runs: "körningar",
  mean: "medel",
  min: "min",
  p10: "p10",
  p50: "p50",
  p90: "p90",
  max: "max",
  pooled: "sammanvägd",
  source: "källa",
  dispatched: "utlarmade",
  "mean dispatch min": "medel till utlarmning, min",
  "p50 min": "p50, min",
  "p90 min": "p90, min",
  "within target": "inom målet",
  "mean arrival min": "medel till ankomst, min",
  month: "månad",
  "prio 1 h": "prio 1 h",
  "prio 2 h": "prio 2 h",
  "on duty h": "i tjänst h",
  recorded: "verkligt",
  simulated: "simulerat",
  "recorded: the feed in ClickHouse; simulated: the matching runs (dispatched is per run)":
    "verkligt: flödet i ClickHouse; simulerat: de matchande körningarna (utlarmade är per körning)",
  "prio 1+2 share of time at RLC's disposal (the report found 4–27 %)":
    "andel prio 1+2 av tiden till RLC:s förfogande (rapporten fann 4–27 %)"
}

const SV_NOTHING: Readonly<Record<string, string>> = {
  interruptions: "Inga avbrott",
  runs: "Inga körningar",
  "sweep runs": "Inga svepkörningar",
  "shifts or runs": "Inga pass eller körningar"
}

/** Labels with a number or name in them: "prio 2 ordered within 20 min", "survival of mlöfte-1". */
const SV_PATTERNS: ReadonlyArray<readonly [RegExp, (...m: Array<string>) => string]> = [
  [/^prio (\d) never dispatched$/, (p) => `prio ${p} aldrig utlarmade`],
  [/^prio (\d) calls the figures are over \(n\)$/, (p) => `prio ${p}: ärenden som siffrorna gäller (n)`],
  [/^prio (\d) ordered within (.+)$/, (p, t) => `prio ${p} beordrad inom ${t}`],
  [/^prio (\d) on scene within (.+)$/, (p, t) => `prio ${p} på plats inom ${t}`],
  [
    /^prio (\d) (mean|p90) (dispatch|arrival), min$/,
    (p, s, k) => `prio ${p} ${s === "mean" ? "medel" : s} till ${k === "dispatch" ? "utlarmning" : "ankomst"}, min`
  ],
  [/^prio 3 handled another way$/, () => "prio 3 hanterade på annat sätt"],
  [/^planned h of (.+)$/, (t) => `planerade h för ${t}`],
  [/^unstaffed h of (.+)$/, (t) => `obemannade h för ${t}`],
  [/^survival of (.+)$/, (t) => `överlevnad för ${t}`],
  [/^not measured: the window holds (.+)$/, (what) => `ej mätt: fönstret innehåller ${what.replace(/^no /, "inga ")}`],
  [/^event kinds in the window: (.*)$/, (k) => `händelsetyper i fönstret: ${k === "none" ? "inga" : k}`],
  [/^every figure group has its events$/, () => "varje grupp av siffror har sina händelser"],
  [
    /^not measured \(their events are absent from the window\): (.*)$/,
    (g) => `ej mätt (deras händelser saknas i fönstret): ${g}`
  ],
  [
    /^NEVER DISPATCHED: (\S+) of (\S+) calls that needed a patrol \((.*)\)\. Their waits so far are in the dispatch and arrival figures below, and none counts as within target\.$/,
    (n, of, detail) =>
      `ALDRIG UTLARMADE: ${n} av ${of} ärenden som behövde en patrull (${detail}). Deras väntan hittills ingår i siffrorna för utlarmning och ankomst nedan, och ingen räknas som inom målet.`
  ],
  // igv analytics
  [/^(\d+) matching run\(s\)\.$/, (n) => `${n} matchande ${n === "1" ? "körning" : "körningar"}.`],
  [
    /^(\d+) matching run\(s\), (\d+) interruptions; "per run" divides by the runs$/,
    (n, i) => `${n} matchande ${n === "1" ? "körning" : "körningar"}, ${i} avbrott; "per körning" delar med körningarna`
  ],
  [
    /^No (.+) match \(are the runs exported and the feed sunk into this database\?\)\.$/,
    (what) =>
      `${SV_NOTHING[what] ?? what} matchar (är körningarna exporterade och flödet överfört till den här databasen?).`
  ],
  [
    /^(\S+) by (\S+)( \(numeric order\))?; mean ± 95 % half-width over the runs at each value$/,
    (kpi, parameter, numeric) =>
      `${kpi} per ${parameter}${numeric === undefined ? "" : " (numerisk ordning)"}; medel ± 95 % halvbredd över körningarna vid varje värde`
  ],
  // compare
  [
    /^(\d+) paired replications from seed (-?\d+) \(common random numbers: A and B see the same calls\)$/,
    (r, seed) => `${r} parade replikeringar från frö ${seed} (gemensamma slumptal: A och B får samma ärenden)`
  ],
  [
    /^(\d+) replications of each from seed (-?\d+), NOT paired \(A and B do not see the same calls\)$/,
    (r, seed) => `${r} replikeringar av var och en från frö ${seed}, INTE parade (A och B får inte samma ärenden)`
  ],
  [
    /^A and B differ in (.+)$/,
    (what) =>
      `A och B skiljer sig i ${what
        .replace(/^start: A from/, "start: A från")
        .replace(/, B from /, ", B från ")
        .replace(/horizon: A (\d+) days, B (\d+) days/, "horisont: A $1 dagar, B $2 dagar")
        .replace(/time zone:/, "tidszon:")
        .replace(/areas:/, "områden:")}`
  ],
  [
    /^B differs from A in (\d+) settings?:$/,
    (n) => `B skiljer sig från A i ${n} ${n === "1" ? "inställning" : "inställningar"}:`
  ],
  [
    /^applied to A alone, paired with A on the same calls \((\d+) replications each\)\. The interaction is what$/,
    (r) => `tillämpat på enbart A, parat med A på samma ärenden (${r} replikeringar vardera). Samspelet är det som`
  ],
  // one changed setting: "path (planner's name): from → to", or "path: from → to"
  [
    /^(\S+) \((.+)\): (.*) → (.*)$/,
    (path, name, from, to) => `${path} (${SV_SETTINGS[name] ?? name}): ${svValue(from)} → ${svValue(to)}`
  ],
  [/^(\S+): (.*) → (.*)$/, (path, from, to) => `${path}: ${svValue(from)} → ${svValue(to)}`],
  // title segments, joined by " · "
  [/^(\d+) days from (.+)$/, (d, from) => `${d} dagar från ${from}`],
  [/^seed (-?\d+)$/, (seed) => `frö ${seed}`],
  [
    /^(\d+) replications, figures are means ± 95 % half-width$/,
    (r) => `${r} replikeringar, siffrorna är medelvärden ± 95 % halvbredd`
  ],
  [/^replaying (.+) \((\d+) incidents\)$/, (f, n) => `spelar upp ${f} (${n} händelser)`],
  [/^replication (\d+)$/, (r) => `replikering ${r}`],
  [/^history of (.+)$/, (s) => `historik för ${s}`],
  [/^area (.+)$/, (a) => `område ${a}`],
  [/^(.+) to (.+)$/, (a, b) => `${a.replace("the beginning", "början")} till ${b.replace("now", "nu")}`],
  [/^(\d+) events$/, (n) => `${n} händelser`],
  [/^(\d+) interruptions?, (\S+) minutes lost$/, (n, m) => `${n} avbrott, ${m.replace(".", ",")} förlorade minuter`],
  [
    /^(\d+) interruptions?, (\S+) minutes lost \((\d+) of them blocks that gave way to dated events\)$/,
    (n, m, d) =>
      `${n} avbrott, ${m.replace(".", ",")} förlorade minuter (varav ${d} block som fick ge vika för daterade händelser)`
  ],
  [
    /^blocks that gave way to dated events are not stored with a run: list them with --scenario$/,
    () => "block som fick ge vika för daterade händelser sparas inte med en körning: lista dem med --scenario"
  ],
  [
    /^(dispatch|arrival): not measured: the window holds (.+)$/,
    (k, what) =>
      `${k === "dispatch" ? "utlarmning" : "ankomst"}: ej mätt: fönstret innehåller ${what.replace(/^no /, "inga ")}`
  ]
]

/** The planner's names of settings (scenario-changes.ts) in Swedish. */
const SV_SETTINGS: Readonly<Record<string, string>> = {
  "interrupting priorities": "prioriteter som får avbryta",
  "prio 3 dispatched or deferred": "prio 3 utlarmas eller skjuts upp",
  "prio 3 defer limit, min": "gräns för uppskjuten prio 3, min",
  "prio 3 handled otherwise, share": "andel prio 3 hanterade på annat sätt",
  "reserve free of planned blocks": "reserv fri från planerade block",
  "borrowing from neighbours": "lån från grannområden",
  "community officers drawn for": "områdespoliser tas till",
  "interrupted blocks resume": "avbrutna block återupptas",
  "shortest remnant resumed, min": "kortaste rest som återupptas, min",
  "prio 1 pre-empts a prio-3 job": "prio 1 tar patrullen från ett prio 3-uppdrag",
  "patrols on duty": "patruller i tjänst",
  "planned blocks": "planerade block",
  "replayed feed": "uppspelat flöde",
  "replayed feed's time zone": "uppspelat flödes tidszon",
  demand: "efterfrågan",
  "travel times": "restider",
  areas: "områden",
  "first day": "första dag",
  "days simulated": "simulerade dagar",
  "time zone": "tidszon"
}

/** A setting's value in words (describeValue) in Swedish: yes/no, none, lists of reserves and borrowing rules, decimal commas. */
const svValue = (value: string): string =>
  (({ yes: "ja", no: "nej", none: "inga", "(not set)": "(ej satt)" }) as Record<string, string>)[value] ??
  value
    .replace(
      /(\d+) patrols? in every area/g,
      (_, n: string) => `${n} ${n === "1" ? "patrull" : "patruller"} i alla områden`
    )
    .replace(
      /(\d+) patrols? in (\S+)/g,
      (_, n: string, a: string) => `${n} ${n === "1" ? "patrull" : "patruller"} i ${a}`
    )
    .replace(/every day/g, "alla dagar")
    .replace(/prio (\d) after (\S+) min/g, "prio $1 efter $2 min")
    .replace(/(\d)\.(\d)/g, "$1,$2")

const bySwedishPattern = (text: string): string | undefined => {
  for (const [re, f] of SV_PATTERNS) {
    const m = re.exec(text)
    if (m !== null) return f(...m.slice(1))
  }
  return undefined
}

/** A label in the language; its leading indentation is kept. An English label without a translation is left English. */
export const translate = (lang: Lang, text: string): string => {
  if (lang === "en") return text
  return text
    .split("\n")
    .map((line) => {
      const indent = /^\s*/.exec(line)![0]
      const bare = line.slice(indent.length)
      const exact = SV[bare]
      if (exact !== undefined) return indent + exact
      const patterned = bySwedishPattern(bare)
      if (patterned !== undefined) return indent + patterned
      // A title: "name · 7 days from 2024-03-04 (Europe/Stockholm) · seed 1", each part on its own.
      return bare.includes(" · ")
        ? indent +
            bare
              .split(" · ")
              .map((part) => SV[part] ?? bySwedishPattern(part) ?? part)
              .join(" · ")
        : line
    })
    .join("\n")
}

/** Whether a label has a Swedish form (the test's check). */
export const hasSwedish = (text: string): boolean => translate("sv", text) !== text || SV[text.trim()] !== undefined

/** A figure in the language: "81.2 % ± 0.4" is "81,2 % ± 0,4" in Swedish; "yes"/"no" translated. */
export const localizeCell = (lang: Lang, cell: string): string => {
  if (lang === "en") return cell
  const word = SV[cell]
  return word !== undefined && cell !== "" ? word : cell.replace(/(\d)\.(\d)/g, "$1,$2")
}
