import { randomUUID } from "node:crypto"
import { Scenario } from "@igv/domain"
import { kafkaClient, parseKafkaUrl, withAdmin } from "@igv/event-store-kafka"
import type { MetricsReport } from "@igv/metrics"
import { decodeScenarioValue, replicationSeed, runOnce } from "@igv/runner"
import { Schema } from "effect"
import { type Kafka, Partitioners, type Consumer, type Producer } from "kafkajs"

/** One replication of one point: what a worker needs to run it, nothing else. */
export interface SweepTask {
  readonly sweep: string
  readonly point: number
  readonly replication: number
  readonly seed: number
  /** The point's scenario in its file form (decoded again, strictly, by the worker). */
  readonly scenario: unknown
  /** The sweep's id (sweepIdOf) and the point's values: what a worker that stores results stores them under. */
  readonly record?: {
    readonly sweepId: string
    readonly scenario: string
    readonly values: Readonly<Record<string, unknown>>
  }
}

export interface SweepTaskResult {
  readonly sweep: string
  readonly point: number
  readonly replication: number
  /** Which worker ran it (for progress and tests; not part of the sweep's output). */
  readonly worker: string
  /** The replication's report, or why the worker could not run the task (a worker of another version, a bug). */
  readonly report?: MetricsReport
  readonly error?: string
}

/** Tasks go to TOPIC, results to TOPIC.results. */
export const resultsTopicOf = (topic: string): string => `${topic}.results`
const TASK_PARTITIONS = 8
/** Results of one sweep are keyed (sweep, point, replication): a redelivered task's second result is the same key. */
const keyOf = (r: { sweep: string; point: number; replication: number }) => `${r.sweep}/${r.point}/${r.replication}`

const clientOf = (brokers: ReadonlyArray<string>, clientId: string) =>
  kafkaClient(clientId, brokers, { retries: 8, initialRetryTime: 200, maxRetryTime: 2_000 })

/** The tasks' and the results' topics, created by whichever of sweep and worker comes first. */
const ensureTopics = async (kafka: Kafka, topic: string): Promise<void> => {
  await withAdmin(kafka, (admin) =>
    admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic, numPartitions: TASK_PARTITIONS },
        { topic: resultsTopicOf(topic), numPartitions: TASK_PARTITIONS }
      ]
    })
  )
}

const encode = Schema.encodeSync(Scenario)

export interface SweepOverKafkaOptions {
  readonly replications: number
  readonly seed: number
  /** Hears every new result: how many of the expected ones are in. */
  readonly onProgress?: (done: number, total: number) => void
  /** Names the sweep (default: a random id); results of other sweeps on the same topic are ignored. */
  readonly sweepId?: string
  /** Sent with every task, for workers that store results: the sweep's id, the base scenario's name and each point's values. */
  readonly record?: {
    readonly sweepId: string
    readonly scenario: string
    readonly values: ReadonlyArray<Readonly<Record<string, unknown>>>
  }
}

/**
 * Publishes every (point, replication) as a task on `kafka://HOST:PORT/TOPIC` and folds the results topic until
 * each has a result, once (a redelivered task's duplicate result is ignored). Resolves to the reports by point,
 * in replication order, exactly what a local sweep's runner returns.
 */
export const sweepOverKafka = async (
  url: string,
  scenarios: ReadonlyArray<Scenario>,
  options: SweepOverKafkaOptions
): Promise<Array<Array<MetricsReport>>> => {
  const { brokers, topic } = parseKafkaUrl(url)
  const sweep = options.sweepId ?? randomUUID()
  const kafka = clientOf(brokers, `igv-sweep-${sweep}`)
  await ensureTopics(kafka, topic)
  const total = scenarios.length * options.replications
  const reports = scenarios.map(() => new Array<MetricsReport | undefined>(options.replications))
  let done = 0
  const consumer = kafka.consumer({ groupId: `igv-sweep-${sweep}`, sessionTimeout: 10_000, heartbeatInterval: 1_000 })
  let finish!: () => void, fail!: (e: unknown) => void
  const complete = new Promise<void>((resolve, reject) => {
    finish = resolve
    fail = reject
  })
  await consumer.connect()
  try {
    await consumer.subscribe({ topic: resultsTopicOf(topic), fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value === null) return
        const result = JSON.parse(message.value.toString("utf8")) as SweepTaskResult
        if (result.sweep !== sweep) return
        if (result.report === undefined) {
          fail(
            new Error(
              `worker ${result.worker} could not run point ${result.point}, replication ${result.replication}: ${result.error ?? "no report"}`
            )
          )
          return
        }
        const slot = reports[result.point]
        if (slot === undefined || result.replication >= options.replications || slot[result.replication] !== undefined)
          return
        slot[result.replication] = result.report
        options.onProgress?.(++done, total)
        if (done === total) finish()
      }
    })
    consumer.on(consumer.events.CRASH, (e) => {
      if (!e.payload.restart) fail(e.payload.error)
    })
    await publishTasks(
      kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 }),
      topic,
      sweep,
      scenarios,
      options
    )
    await complete
  } finally {
    await consumer.disconnect()
  }
  return reports.map((r) => r as Array<MetricsReport>)
}

const PUBLISH_BATCH = 500

const publishTasks = async (
  producer: Producer,
  topic: string,
  sweep: string,
  scenarios: ReadonlyArray<Scenario>,
  options: SweepOverKafkaOptions
) => {
  await producer.connect()
  try {
    let batch: Array<{ key: string; value: string }> = []
    const flush = async () => {
      if (batch.length > 0) await producer.send({ topic, acks: -1, messages: batch })
      batch = []
    }
    for (const [point, scenario] of scenarios.entries()) {
      const encoded = encode(scenario)
      for (let replication = 0; replication < options.replications; replication++) {
        const task: SweepTask = {
          sweep,
          point,
          replication,
          seed: replicationSeed(options.seed, replication),
          scenario: encoded,
          ...(options.record === undefined
            ? {}
            : {
                record: {
                  sweepId: options.record.sweepId,
                  scenario: options.record.scenario,
                  values: options.record.values[point]!
                }
              })
        }
        batch.push({ key: keyOf(task), value: JSON.stringify(task) })
        if (batch.length >= PUBLISH_BATCH) await flush()
      }
    }
    await flush()
  } finally {
    await producer.disconnect()
  }
}

/** A task's report, or in words why it cannot run: told to the sweep, which stops, rather than retried forever. */
const runTask = (task: SweepTask): { report: MetricsReport } | { error: string } => {
  const decoded = decodeScenarioValue({ value: task.scenario, numbers: [], locate: () => undefined })
  if (!decoded.ok)
    return {
      error: `the scenario does not decode here: ${decoded.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`
    }
  try {
    return { report: runOnce(decoded.value, task.seed) }
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) }
  }
}

export interface SweepWorker {
  /** Tasks this worker has run so far. */
  readonly done: () => number
  /** Leaves the consumer group (its partitions go to the other workers) and disconnects. */
  readonly stop: () => Promise<void>
}

export interface SweepWorkerOptions {
  /** Consumer group (default `igv-sweep-workers`): every worker of one group shares the tasks. */
  readonly group?: string
  /** Names this worker in its results (default: a random id). */
  readonly id?: string
  readonly onTask?: (task: SweepTask, millis: number) => void
  /** Awaited with each report before it is published and the task committed (e.g. to store it): a failure here leaves the task to run again. */
  readonly onReport?: (task: SweepTask, report: MetricsReport) => Promise<void>
}

/**
 * Joins the workers' consumer group on `kafka://HOST:PORT/TOPIC`, runs each task it is given (the runner's
 * `runOnce`) and publishes the report to TOPIC.results before the task's offset is committed, so a worker
 * killed mid-task leaves the task to another worker (at least once; the sweep keeps one result per key).
 */
export const startSweepWorker = async (url: string, options: SweepWorkerOptions = {}): Promise<SweepWorker> => {
  const { brokers, topic } = parseKafkaUrl(url)
  const id = options.id ?? randomUUID()
  const kafka = clientOf(brokers, `igv-worker-${id}`)
  await ensureTopics(kafka, topic)
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1
  })
  const consumer: Consumer = kafka.consumer({
    groupId: options.group ?? "igv-sweep-workers",
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000
  })
  await producer.connect()
  await consumer.connect()
  let done = 0
  await consumer.subscribe({ topic, fromBeginning: true })
  await consumer.run({
    autoCommitThreshold: 1,
    eachMessage: async ({ message }) => {
      if (message.value === null) return
      const started = Date.now()
      const task = JSON.parse(message.value.toString("utf8")) as SweepTask
      const result: SweepTaskResult = {
        sweep: task.sweep,
        point: task.point,
        replication: task.replication,
        worker: id,
        ...runTask(task)
      }
      if (result.report !== undefined) await options.onReport?.(task, result.report)
      await producer.send({
        topic: resultsTopicOf(topic),
        acks: -1,
        messages: [{ key: keyOf(task), value: JSON.stringify(result) }]
      })
      done++
      options.onTask?.(task, Date.now() - started)
    }
  })
  return {
    done: () => done,
    stop: async () => {
      await consumer.disconnect()
      await producer.disconnect()
    }
  }
}
