export * from "./kafka-store.js"
export * from "./open.js"
export { kafkaClient, withAdmin } from "./client.js"
