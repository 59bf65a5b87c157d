import { describe, expect, it } from "vitest"
import { testEnvironment } from "./index.js"

describe("the tests' environment", () => {
  it("reads each variable it documents, by its name", () => {
    expect(
      testEnvironment({ KAFKA_BROKERS: "a:1, b:2", CLICKHOUSE_URL: "http://h:8123", IGV_CHROMIUM: "/opt/chrome" })
    ).toEqual({ kafkaBrokers: ["a:1", "b:2"], clickhouseUrl: "http://h:8123", chromium: "/opt/chrome" })
  })

  it("falls back to the project's own servers and Debian's chromium when a variable is unset or empty", () => {
    expect(testEnvironment({ KAFKA_BROKERS: "", CLICKHOUSE_URL: "" })).toEqual({
      kafkaBrokers: ["127.0.0.1:9092"],
      clickhouseUrl: "http://127.0.0.1:8123",
      chromium: "/usr/bin/chromium"
    })
  })
})
