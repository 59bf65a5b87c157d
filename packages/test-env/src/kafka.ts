import { Kafka, logLevel } from "kafkajs"
import { kafkaBrokers } from "./environment.js"

/**
 * Fails (never skips) when no Kafka broker answers at `brokers` (the tests' own by default), naming them and how to
 * start the project's broker.
 */
export async function requireKafka(brokers: ReadonlyArray<string> = kafkaBrokers): Promise<void> {
  const admin = new Kafka({
    clientId: "igv-test-probe",
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    retry: { retries: 2 }
  }).admin()
  try {
    await admin.connect()
    await admin.describeCluster()
  } catch (error) {
    throw new Error(
      `No Kafka broker answers at ${brokers.join(",")} (start it with: bash infra/kafka/start.sh): ${String(error)}`
    )
  } finally {
    await admin.disconnect()
  }
}
