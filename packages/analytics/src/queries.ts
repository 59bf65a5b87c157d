import { DEFAULT_TIME_ZONE, isValidTimeZone, TARGET_MINUTES, type Priority } from "@igv/domain"
import { studentT975 } from "@igv/metrics"
import { selectRows, type Analytics } from "./client.js"
import { formatLiteral } from "./literal.js"
import { monthCuts, type MonthCuts } from "./months.js"
import { and, inList, Sql, sql } from "./sql.js"
import { table } from "./tables.js"

// Every query below runs on ClickHouse 18.16 and current releases: no CTEs, no query parameters,
// only functions 18.16 has (toDayOfWeek/toHour/formatDateTime with a zone, arrayFirst, groupArrayIf, ANY LEFT JOIN).

/** Which runs a query reads. Only committed runs count (see writeRunResults). */
export interface RunFilter {
  readonly scenarioId?: string
  readonly scenarioVersion?: number
  readonly sweepId?: string
  readonly runIds?: ReadonlyArray<string>
}

const zoneOf = (timeZone: string | undefined): string => {
  const zone = timeZone ?? DEFAULT_TIME_ZONE
  if (!isValidTimeZone(zone)) throw new RangeError(`unknown time zone "${zone}"`)
  return zone
}

const runConditions = (f: RunFilter): Array<Sql> => {
  const c: Array<Sql> = []
  if (f.scenarioId !== undefined) c.push(sql`scenario_id = ${f.scenarioId}`)
  if (f.scenarioVersion !== undefined) c.push(sql`scenario_version = ${f.scenarioVersion}`)
  if (f.runIds !== undefined) c.push(inList(sql`run_id`, f.runIds))
  return c
}

/** Rows of run-derived tables that belong to a committed attempt of a matching run. */
const committed = (a: Analytics, f: RunFilter): Sql => {
  const onRuns = runConditions(f)
  if (f.sweepId !== undefined) onRuns.push(sql`sweep_id = ${f.sweepId}`)
  // Attempt ids are unique (UUIDs), so matching on them alone is exact and much cheaper than a (run, attempt) tuple.
  // The scenario conditions are repeated on the outer table so its primary key (scenario_id, ...) prunes.
  return and([
    ...runConditions(f),
    sql`attempt_id IN (SELECT attempt_id FROM ${table(a, "runs")} WHERE ${and(onRuns)})`
  ])
}

const countRuns = async (a: Analytics, f: RunFilter): Promise<number> => {
  const c = runConditions(f)
  if (f.sweepId !== undefined) c.push(sql`sweep_id = ${f.sweepId}`)
  const rows = await selectRows<{ n: string }>(
    a,
    sql`SELECT uniqExact(run_id) AS n FROM ${table(a, "runs")} WHERE ${and(c)}`
  )
  return Number(rows[0]?.n ?? 0)
}

/**
 * Nearest-rank percentiles (as the in-process metrics define them: rank ⌈p·n⌉) of `values` in a group, as an
 * array in the order of `ps`. quantilesExact picks index ⌊level·n⌋ (0-based) in linear time; a level a hair below p
 * lands on index ⌈p·n⌉ − 1 both when p·n is whole and when it is not (p·n is a multiple of 1/n apart from whole).
 */
export const nearestRanks = (values: Sql, ps: ReadonlyArray<number>): Sql =>
  new Sql(`quantilesExact(${ps.map((p) => formatLiteral(p - 1e-12)).join(", ")})(${values.text})`)

const areaFilter = (areas: ReadonlyArray<string> | undefined, column: Sql): Array<Sql> =>
  areas === undefined ? [] : [inList(column, areas)]

const prioTarget = (column: Sql): Sql =>
  sql`multiIf(${column} = 1, ${TARGET_MINUTES[1]}, ${column} = 2, ${TARGET_MINUTES[2]}, ${TARGET_MINUTES[3]})`

// ---------------------------------------------------------------------------------------------
// Interruptions by area × hour of week × priority

export interface InterruptionsQuery {
  readonly runs: RunFilter
  readonly areas?: ReadonlyArray<string>
  readonly priorities?: ReadonlyArray<Priority>
  /** Interruptions at or after `from` and before `to`. */
  readonly from?: Date
  readonly to?: Date
  /** Local zone for the hour of week; Europe/Stockholm by default. */
  readonly timeZone?: string
}

export interface InterruptionCell {
  readonly area: string
  /** 0..167: Monday 00–01 local is 0. */
  readonly hourOfWeek: number
  readonly prio: Priority
  readonly interruptions: number
  readonly lostMinutes: number
}

export interface InterruptionsResult {
  /** Matching runs, for per-run rates: a cell's interruptions / runs. */
  readonly runs: number
  readonly cells: ReadonlyArray<InterruptionCell>
}

export const interruptionsByHourOfWeek = async (a: Analytics, q: InterruptionsQuery): Promise<InterruptionsResult> => {
  const zone = zoneOf(q.timeZone)
  const where = and([
    committed(a, q.runs),
    ...areaFilter(q.areas, sql`area_id`),
    ...(q.priorities === undefined ? [] : [inList(sql`priority`, q.priorities)]),
    ...(q.from === undefined ? [] : [sql`at >= ${q.from}`]),
    ...(q.to === undefined ? [] : [sql`at < ${q.to}`])
  ])
  const rows = await selectRows<{ area: string; how: number; prio: number; n: string; lost: number }>(
    a,
    sql`
    SELECT area_id AS area, (toDayOfWeek(at, ${zone}) - 1) * 24 + toHour(at, ${zone}) AS how, priority AS prio,
      count() AS n, sum(lost_minutes) AS lost
    FROM ${table(a, "interruptions")} WHERE ${where}
    GROUP BY area, how, prio ORDER BY area, how, prio`
  )
  return {
    runs: await countRuns(a, q.runs),
    cells: rows.map((r) => ({
      area: r.area,
      hourOfWeek: Number(r.how),
      prio: Number(r.prio) as Priority,
      interruptions: Number(r.n),
      lostMinutes: Number(r.lost)
    }))
  }
}

// ---------------------------------------------------------------------------------------------
// Line-time survival across the runs of a scenario, by scenario version

export interface SurvivalByVersion {
  readonly scenarioVersion: number
  readonly runs: number
  /** Mean over runs of each run's delivered / planned. */
  readonly meanSurvival: number
  readonly minSurvival: number
  readonly maxSurvival: number
  /** Nearest-rank percentiles over runs. */
  readonly p10Survival: number
  readonly p50Survival: number
  readonly p90Survival: number
  /** All runs' delivered hours over all their planned hours. */
  readonly pooledSurvival: number
  readonly plannedHours: number
  readonly deliveredHours: number
}

export const lineTimeSurvival = async (
  a: Analytics,
  q: { readonly scenarioId: string; readonly areas?: ReadonlyArray<string> }
): Promise<Array<SurvivalByVersion>> => {
  const where = and([
    committed(a, { scenarioId: q.scenarioId }),
    sql`kpi IN ('lineTime.survival', 'lineTime.plannedHours', 'lineTime.deliveredHours')`,
    q.areas === undefined ? sql`area_id = ''` : inList(sql`area_id`, q.areas)
  ])
  // Per run first (summing the chosen areas), then per version.
  const perRun = sql`
    SELECT scenario_version, run_id,
      sumIf(value, kpi = 'lineTime.plannedHours') AS planned, sumIf(value, kpi = 'lineTime.deliveredHours') AS delivered,
      if(planned = 0, 1, delivered / planned) AS survival
    FROM ${table(a, "runKpis")} WHERE ${where} GROUP BY scenario_version, run_id`
  const rows = await selectRows<Record<string, number | string>>(
    a,
    sql`
    SELECT scenario_version AS v, count() AS runs, avg(survival) AS mean, min(survival) AS lo, max(survival) AS hi,
      ${nearestRanks(sql`survival`, [0.1, 0.5, 0.9])} AS ps, ps[1] AS p10, ps[2] AS p50, ps[3] AS p90,
      sum(planned) AS planned, sum(delivered) AS delivered
    FROM (${perRun}) GROUP BY v ORDER BY v`
  )
  return rows.map((r) => {
    const planned = Number(r["planned"]),
      delivered = Number(r["delivered"])
    return {
      scenarioVersion: Number(r["v"]),
      runs: Number(r["runs"]),
      meanSurvival: Number(r["mean"]),
      minSurvival: Number(r["lo"]),
      maxSurvival: Number(r["hi"]),
      p10Survival: Number(r["p10"]),
      p50Survival: Number(r["p50"]),
      p90Survival: Number(r["p90"]),
      pooledSurvival: planned === 0 ? 1 : delivered / planned,
      plannedHours: planned,
      deliveredHours: delivered
    }
  })
}

// ---------------------------------------------------------------------------------------------
// A sweep's KPI as a function of a varied parameter

export interface SweepQuery {
  readonly sweepId: string
  /** A report figure's dotted path, e.g. "lineTime.survival" or "response.1.p90DispatchMinutes". */
  readonly kpi: string
  /** The varied parameter's name as recorded with the runs. */
  readonly parameter: string
  /** '' or absent: the whole run; else one area's figure. */
  readonly area?: string
}

export interface SweepPoint {
  /** The parameter's value as recorded (text); `numeric` when every value of the sweep is a number. */
  readonly value: string
  readonly runs: number
  readonly mean: number
  readonly min: number
  readonly max: number
  /** 95 % confidence half-width of the mean (Student t, n − 1 df); 0 for one run. */
  readonly halfWidth95: number
}

export const sweepKpi = async (
  a: Analytics,
  q: SweepQuery
): Promise<{ readonly numeric: boolean; readonly points: ReadonlyArray<SweepPoint> }> => {
  const rows = await selectRows<{
    value: string
    runs: string
    mean: number
    lo: number
    hi: number
    sd: number | string
  }>(
    a,
    sql`
    SELECT param_value AS value, count() AS runs, avg(v) AS mean, min(v) AS lo, max(v) AS hi, if(runs > 1, stddevSamp(v), 0) AS sd
    FROM (
      SELECT run_id, attempt_id, value AS v FROM ${table(a, "runKpis")}
      WHERE kpi = ${q.kpi} AND area_id = ${q.area ?? ""} AND sweep_id = ${q.sweepId}
    ) ANY INNER JOIN (
      SELECT run_id, attempt_id, arrayElement(param_values, indexOf(param_names, ${q.parameter})) AS param_value
      FROM ${table(a, "runs")} WHERE sweep_id = ${q.sweepId} AND has(param_names, ${q.parameter})
    ) USING (run_id, attempt_id)
    GROUP BY value`
  )
  const numeric = rows.length > 0 && rows.every((r) => r.value.trim() !== "" && Number.isFinite(Number(r.value)))
  const points = rows.map((r) => {
    const n = Number(r.runs)
    return {
      value: r.value,
      runs: n,
      mean: Number(r.mean),
      min: Number(r.lo),
      max: Number(r.hi),
      halfWidth95: n < 2 ? 0 : (studentT975(n - 1) * Number(r.sd)) / Math.sqrt(n)
    }
  })
  points.sort(
    numeric
      ? (x, y) => Number(x.value) - Number(y.value)
      : (x, y) => (x.value < y.value ? -1 : x.value > y.value ? 1 : 0)
  )
  return { numeric, points }
}

// ---------------------------------------------------------------------------------------------
// Real history vs simulated, same window

export interface ResponseFigures {
  /** Incidents registered in the window that got a patrol (per run, on average, for simulated). */
  readonly dispatched: number
  readonly meanDispatchMinutes: number
  readonly p50DispatchMinutes: number
  readonly p90DispatchMinutes: number
  /** Share dispatched within the priority's target (4 / 20 / 240 minutes). */
  readonly withinTarget: number
  /** Registration to first patrol on scene, over incidents with an arrival. */
  readonly meanArrivalMinutes: number
}

export interface RealVsSimulatedRow {
  readonly prio: Priority
  readonly real: ResponseFigures
  readonly simulated: ResponseFigures
}

export interface RealVsSimulatedQuery {
  readonly from: Date
  readonly to: Date
  readonly runs: RunFilter
  readonly areas?: ReadonlyArray<string>
}

interface ResponseRow {
  prio: number
  dispatched: number | string
  mean: number
  p50: number
  p90: number
  within: number
  arrival: number
}

const responseFigures = (r: ResponseRow | undefined, per: number): ResponseFigures =>
  r === undefined
    ? {
        dispatched: 0,
        meanDispatchMinutes: 0,
        p50DispatchMinutes: 0,
        p90DispatchMinutes: 0,
        withinTarget: 1,
        meanArrivalMinutes: 0
      }
    : {
        dispatched: Number(r.dispatched) / (per === 0 ? 1 : per),
        meanDispatchMinutes: Number(r.mean),
        p50DispatchMinutes: Number(r.p50),
        p90DispatchMinutes: Number(r.p90),
        withinTarget: Number(r.within),
        meanArrivalMinutes: Number(r.arrival)
      }

const responseAggregates = (wait: Sql, arrived: Sql, arrival: Sql, prio: Sql): Sql => sql`
  count() AS dispatched, avg(${wait}) AS mean,
  ${nearestRanks(wait, [0.5, 0.9])} AS ps, ps[1] AS p50, ps[2] AS p90,
  countIf(${wait} <= ${prioTarget(prio)}) / count() AS within,
  if(countIf(${arrived}) = 0, 0, sumIf(${arrival}, ${arrived}) / countIf(${arrived})) AS arrival`

/**
 * Queries on feed_events read it without FINAL (slow on 18.16) and use only aggregates a duplicated event cannot
 * change (min, any, "count > 0", unique arrays): the sink already drops replays; this keeps a stray second copy harmless.
 *
 * Dispatch figures by priority: the recorded feed (feed_events, first dispatch and first arrival per incident
 * registered in the window) beside the simulated runs' dispatches registered in the same window.
 */
export const realVsSimulated = async (a: Analytics, q: RealVsSimulatedQuery): Promise<Array<RealVsSimulatedRow>> => {
  // Events of an incident registered before `to` can come later; a day of slack bounds the scan.
  const scanTo = new Date(q.to.getTime() + 86_400_000)
  const perIncident = sql`
    SELECT incident_id,
      anyIf(priority, type = 'IncidentRegistered') AS prio, anyIf(area_id, type = 'IncidentRegistered') AS area,
      countIf(type = 'IncidentRegistered') AS registrations, minIf(toUInt32(occurred_at), type = 'IncidentRegistered') AS registered,
      countIf(type = 'PatrolDispatched') AS dispatches, minIf(toUInt32(occurred_at), type = 'PatrolDispatched') AS dispatched_at,
      countIf(type = 'PatrolOnScene') AS arrivals, minIf(toUInt32(occurred_at), type = 'PatrolOnScene') AS arrived_at
    FROM ${table(a, "feedEvents")}
    WHERE type IN ('IncidentRegistered', 'PatrolDispatched', 'PatrolOnScene') AND occurred_at >= ${q.from} AND occurred_at < ${scanTo}
    GROUP BY incident_id`
  const real = await selectRows<ResponseRow>(
    a,
    sql`
    SELECT prio, ${responseAggregates(
      sql`((toInt64(dispatched_at) - toInt64(registered)) / 60)`,
      sql`(arrivals > 0)`,
      sql`((toInt64(arrived_at) - toInt64(registered)) / 60)`,
      sql`prio`
    )}
    FROM (${perIncident})
    WHERE ${and([sql`registrations > 0 AND dispatches > 0`, sql`registered >= toUInt32(${q.from}) AND registered < toUInt32(${q.to})`, ...areaFilter(q.areas, sql`area`)])}
    GROUP BY prio ORDER BY prio`
  )
  const simulated = await selectRows<ResponseRow>(
    a,
    sql`
    SELECT priority AS prio, ${responseAggregates(sql`dispatch_minutes`, sql`(arrived = 1)`, sql`arrival_minutes`, sql`priority`)}
    FROM ${table(a, "dispatches")}
    WHERE ${and([committed(a, q.runs), sql`registered_at >= ${q.from} AND registered_at < ${q.to}`, ...areaFilter(q.areas, sql`area_id`)])}
    GROUP BY prio ORDER BY prio`
  )
  const runs = await countRuns(a, q.runs)
  return ([1, 2, 3] as const).map((prio) => ({
    prio,
    real: responseFigures(
      real.find((r) => Number(r.prio) === prio),
      1
    ),
    simulated: responseFigures(
      simulated.find((r) => Number(r.prio) === prio),
      runs
    )
  }))
}

// ---------------------------------------------------------------------------------------------
// The report's headline split: share of time at RLC's disposal spent on prio 1 and 2

export interface HeadlineCell {
  readonly area: string
  /** Local calendar month, "YYYY-MM". */
  readonly month: string
  readonly prio1Hours: number
  readonly prio2Hours: number
  /** On-duty hours: the time at RLC's disposal. */
  readonly totalHours: number
  readonly prio12Share: number
}

const headlineCells = (
  rows: ReadonlyArray<{ area: string; month: string; p1: number; p2: number; total: number }>
): Array<HeadlineCell> =>
  rows.map((r) => {
    const p1 = Number(r.p1),
      p2 = Number(r.p2),
      total = Number(r.total)
    return {
      area: r.area,
      month: r.month,
      prio1Hours: p1,
      prio2Hours: p2,
      totalHours: total,
      prio12Share: total === 0 ? 0 : (p1 + p2) / total
    }
  })

export interface RecordedSplitQuery {
  readonly from: Date
  readonly to: Date
  readonly areas?: ReadonlyArray<string>
  readonly timeZone?: string
}

/**
 * From the recorded feed. On-duty time is each shift, a start followed by the patrol's next event being its end, in
 * the area of its start; prio 1 / 2 time is each job, dispatch to cleared (or recalled), in the area of the patrol slot
 * (where its shifts start). Both are cut at the window's ends and at local midnight on each month's 1st, so a month
 * holds exactly the duty and job time that fell in it (a patrol on duty all year gives each month that month's hours),
 * as the in-process report counts a month window. A shift is found however long ago it started; a job only when
 * dispatched at most two days before the window. Unlike the in-process report, jobs overlapping on one patrol are
 * each counted in full (the report gives the overlap to the higher priority) and work after a shift's end is not
 * on-duty time; for feeds without either the figures agree.
 */
export const headlineSplitRecorded = async (a: Analytics, q: RecordedSplitQuery): Promise<Array<HeadlineCell>> => {
  const zone = zoneOf(q.timeZone)
  const cuts = monthCuts(q.from, q.to, zone)
  if (cuts === undefined) return []
  const { fromSeconds: from, toSeconds: to } = cuts
  const scanFrom = Math.max(0, from - JOB_SLACK_SECONDS),
    scanTo = to + JOB_SLACK_SECONDS
  const feed = table(a, "feedEvents")
  // A patrol slot's area: where its shifts start (slot ids are per area, e.g. lpo1/igv/3); its latest start, however old.
  const patrolAreas = sql`
    SELECT patrol_id, argMax(area_id, occurred_at) AS area FROM ${feed} WHERE type = 'ShiftStarted' GROUP BY patrol_id`
  // Per patrol its shift events in the window, plus the last one before it and the first one after it (a shift
  // open across either end), in time order (an end sorts before a start at the same second).
  const shiftEvent = sql`(toUInt32(occurred_at), toUInt8(type = 'ShiftStarted'), area_id)`
  const order = sql`toUInt64(occurred_at) * 2 + (type = 'ShiftStarted')`
  const isShift = sql`type IN ('ShiftStarted', 'ShiftEnded')`
  const shiftEvents = sql`
    SELECT patrol_id, ${shiftEvent} AS ev FROM ${feed} WHERE ${isShift} AND occurred_at >= toDateTime(${from}) AND occurred_at < toDateTime(${to})
    UNION ALL
    SELECT patrol_id, argMax(${shiftEvent}, ${order}) AS ev FROM ${feed} WHERE ${isShift} AND occurred_at < toDateTime(${from}) GROUP BY patrol_id
    UNION ALL
    SELECT patrol_id, argMin(${shiftEvent}, ${order}) AS ev FROM ${feed} WHERE ${isShift} AND occurred_at >= toDateTime(${to}) GROUP BY patrol_id`
  // A start whose next event is an end is one shift. Built from shifted copies of the arrays, not lambdas that
  // capture the array (ClickHouse copies a captured array once per element: quadratic memory).
  const shifts = sql`
    SELECT arrayFilter(p -> tupleElement(p, 4) = 1 AND tupleElement(p, 5) = 0,
      arrayMap((t, k, area, nt, nk) -> (t, nt, area, k, nk), ts, kinds, areas,
        arrayPushBack(arrayPopFront(ts), toUInt32(0)), arrayPushBack(arrayPopFront(kinds), toUInt8(1)))) AS pairs
    FROM (
      SELECT arrayMap(x -> tupleElement(x, 1), ev) AS ts, arrayMap(x -> tupleElement(x, 2), ev) AS kinds, arrayMap(x -> tupleElement(x, 3), ev) AS areas
      FROM (SELECT patrol_id, arraySort(groupUniqArray(ev)) AS ev FROM (${shiftEvents}) GROUP BY patrol_id)
    )`
  // Intervals [s, e) in seconds with what they count for: 0 on duty, 1 / 2 a job of that priority.
  const duty = sql`
    SELECT tupleElement(p, 3) AS area, tupleElement(p, 1) AS s, tupleElement(p, 2) AS e, toUInt8(0) AS prio
    FROM (${shifts}) ARRAY JOIN pairs AS p`
  const jobs = sql`
    SELECT area, d AS s, c AS e, prio
    FROM (
      SELECT patrol_id, incident_id, anyIf(priority, type = 'PatrolDispatched') AS prio,
        minIf(toUInt32(occurred_at), type = 'PatrolDispatched') AS d,
        minIf(toUInt32(occurred_at), type IN ('PatrolCleared', 'PatrolRecalled')) AS c,
        countIf(type = 'PatrolDispatched') AS nd, countIf(type IN ('PatrolCleared', 'PatrolRecalled')) AS nc
      FROM ${feed}
      WHERE type IN ('PatrolDispatched', 'PatrolCleared', 'PatrolRecalled') AND occurred_at >= toDateTime(${scanFrom}) AND occurred_at < toDateTime(${scanTo})
      GROUP BY patrol_id, incident_id
      HAVING nd > 0 AND nc > 0 AND d < ${to} AND c > ${from} AND prio IN (1, 2)
    ) ANY LEFT JOIN (${patrolAreas}) USING patrol_id`
  const rows = await selectRows<{ area: string; month: string; p1: number; p2: number; total: number }>(
    a,
    sql`
    SELECT area, month, sumIf(secs, prio = 1) / 3600 AS p1, sumIf(secs, prio = 2) / 3600 AS p2, sumIf(secs, prio = 0) / 3600 AS total
    FROM (${cutAtMonths(sql`SELECT area, s, e, prio FROM (${duty} UNION ALL ${jobs}) WHERE ${and(areaFilter(q.areas, sql`area`))}`, cuts, zone)})
    GROUP BY area, month ORDER BY area, month`
  )
  return headlineCells(rows)
}

/** Jobs are looked up from this long before the window (a job open across its start) and after its end. */
const JOB_SLACK_SECONDS = 2 * 86_400

/**
 * Rows of `intervals` (area, s, e, prio; s and e unix seconds), clipped to the window and split at local month
 * starts: one row per month an interval overlaps, with its month label and the seconds inside that month. The
 * month index comes from toYear / toMonth in the zone, the cut instants and labels from `cuts` (literals), so no
 * lambda captures an array and each row costs O(months it spans).
 */
const cutAtMonths = (intervals: Sql, cuts: MonthCuts, zone: string): Sql => {
  const monthOf = (t: Sql): Sql =>
    sql`(toYear(toDateTime(${t}), ${zone}) * 12 + toMonth(toDateTime(${t}), ${zone}) - 1 - ${cuts.firstMonth})`
  return sql`
    SELECT area, prio, arrayElement(${cuts.labels}, k + 1) AS month,
      toInt64(least(ce, arrayElement(${cuts.starts}, k + 2))) - toInt64(greatest(cs, arrayElement(${cuts.starts}, k + 1))) AS secs
    FROM (
      SELECT area, prio, cs, ce, ${monthOf(sql`cs`)} AS k0, ${monthOf(sql`toUInt32(ce - 1)`)} AS k1
      FROM (SELECT area, prio, greatest(toUInt32(s), toUInt32(${cuts.fromSeconds})) AS cs, least(toUInt32(e), toUInt32(${cuts.toSeconds})) AS ce FROM (${intervals}))
      WHERE cs < ce
    )
    ARRAY JOIN arrayMap(j -> toInt64(j) + k0, range(toUInt64(k1 - k0 + 1))) AS k`
}

/**
 * From simulated runs' per-area time use, pooled over the runs (sum of prio 1+2 hours over sum of on-duty hours),
 * in the month the run's window starts.
 */
export const headlineSplitSimulated = async (
  a: Analytics,
  q: { readonly runs: RunFilter; readonly areas?: ReadonlyArray<string>; readonly timeZone?: string }
): Promise<Array<HeadlineCell>> => {
  const zone = zoneOf(q.timeZone)
  const rows = await selectRows<{ area: string; month: string; p1: number; p2: number; total: number }>(
    a,
    sql`
    SELECT area_id AS area, formatDateTime(window_start, '%Y-%m', ${zone}) AS month,
      sumIf(value, kpi = 'timeUse.prio1Hours') AS p1, sumIf(value, kpi = 'timeUse.prio2Hours') AS p2,
      sumIf(value, kpi = 'timeUse.totalHours') AS total
    FROM ${table(a, "runKpis")}
    WHERE ${and([committed(a, q.runs), sql`area_id != ''`, sql`kpi IN ('timeUse.prio1Hours', 'timeUse.prio2Hours', 'timeUse.totalHours')`, ...areaFilter(q.areas, sql`area_id`)])}
    GROUP BY area, month ORDER BY area, month`
  )
  return headlineCells(rows)
}
