import { Kafka, logLevel } from "kafkajs"
import { kafkaBrokers } from "@igv/test-env"

/** Brokers for integration tests: KAFKA_BROKERS (comma-separated) or the project's own broker from infra/kafka. */
export const testBrokers = [...kafkaBrokers]

/** Fails (never skips) when no broker answers: start one with `bash infra/kafka/start.sh`. */
export async function requireBroker(): Promise<void> {
  const admin = new Kafka({
    clientId: "igv-test-probe",
    brokers: testBrokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    retry: { retries: 2 }
  }).admin()
  try {
    await admin.connect()
    await admin.describeCluster()
  } catch (error) {
    throw new Error(
      `No Kafka broker answers at ${testBrokers.join(",")} (start it with: bash infra/kafka/start.sh): ${String(error)}`
    )
  } finally {
    await admin.disconnect()
  }
}

export async function deleteTopic(topic: string): Promise<void> {
  const admin = new Kafka({ clientId: "igv-test-cleanup", brokers: testBrokers, logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    await admin.deleteTopics({ topics: [topic] })
  } finally {
    await admin.disconnect()
  }
}
