import { Kafka, logLevel, type Admin, type RetryOptions } from "kafkajs"

/**
 * A kafkajs client for igv's brokers: quiet, three seconds to connect, and `retry` as the caller's outage budget
 * (a store fails fast on an unreachable broker; a feed follower waits out a broker restart).
 */
export const kafkaClient = (
  clientId: string,
  brokers: ReadonlyArray<string>,
  retry: Required<Pick<RetryOptions, "retries" | "initialRetryTime" | "maxRetryTime">>,
  level: logLevel = logLevel.NOTHING
): Kafka => new Kafka({ clientId, brokers: [...brokers], logLevel: level, connectionTimeout: 3_000, retry })

/** `work` with a connected admin client, disconnected afterwards whatever happens. */
export const withAdmin = async <A>(kafka: Kafka, work: (admin: Admin) => Promise<A>): Promise<A> => {
  const admin = kafka.admin()
  await admin.connect()
  try {
    return await work(admin)
  } finally {
    await admin.disconnect()
  }
}
