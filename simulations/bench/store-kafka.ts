/**
 * Kafka event store benchmark against the local broker (infra/kafka): append 1,000,000 envelopes in batches of
 * 1,000 (target ≥ 50,000 events/s) with 1 and with 4 concurrent appenders, reopen (the writer's index is rebuilt
 * from the topic), re-append everything (all duplicates), read everything back in position order, catch a
 * subscription up. Uses its own topics, deleted at the end.
 * Run after `pnpm build` with the broker up: node simulations/dist/bench/store-kafka.js (or `pnpm bench store-kafka`).
 * Options (env): BENCH_EVENTS, BENCH_BATCH, KAFKA_BROKERS (default 127.0.0.1:9092), BENCH_PARTITIONS (default 8).
 */
import { KafkaEventStore } from "@igv/event-store-kafka"
import { appendAll, EVENTS, readAllBack, report, subscribeCatchUp, timed } from "./store-common.js"
import { benchEnvironment, kafkaBrokers } from "@igv/test-env"

const brokers = [...kafkaBrokers]
const { partitions } = benchEnvironment()
const topics: string[] = []
const open = (topic: string) => KafkaEventStore.open({ brokers, topic, partitions })

try {
  for (const concurrency of [1, 4]) {
    const topic = `igv-bench-${Date.now().toString(36)}-c${concurrency}`
    topics.push(topic)
    const store = await open(topic)
    try {
      const result = await timed(() => appendAll(store, concurrency))
      if (result.value.appended !== EVENTS) throw new Error(`appended ${result.value.appended}, expected ${EVENTS}`)
      report(`kafka append (batches, ${concurrency} appender${concurrency > 1 ? "s" : ""})`, EVENTS, result)
    } finally {
      await store.close()
    }
  }

  const opened = await timed(() => open(topics[0]!))
  report("kafka open (rebuild writer index from topic)", EVENTS, opened)
  const store = opened.value
  try {
    const again = await timed(() => appendAll(store))
    if (again.value.duplicates !== EVENTS) throw new Error(`re-append stored ${again.value.appended}`)
    report("kafka re-append, all duplicates", EVENTS, again)
    report("kafka readAll from 0 (merged by position)", EVENTS, await timed(() => readAllBack(store, EVENTS)))
    report("kafka subscribe from 0 (catch-up)", EVENTS, await timed(() => subscribeCatchUp(store, EVENTS)))
  } finally {
    await store.close()
  }
} finally {
  for (const topic of topics) await KafkaEventStore.deleteTopic({ brokers, topic })
}
