import { describe, expect, it } from "vitest"
import { benchEnvironment, testEnvironment } from "./environment.js"

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

  it("gives the benchmarks their knobs, the README's defaults when unset, and refuses a count that is no whole number", () => {
    expect(benchEnvironment({})).toEqual({
      events: 1_000_000,
      batch: 1_000,
      partitions: 8,
      sqliteFile: undefined,
      interruptions: 10_000_000,
      keepDatabase: false,
      background: true
    })
    expect(
      benchEnvironment({ BENCH_EVENTS: "0", BENCH_DB: "/tmp/b.db", BENCH_KEEP: "1", BENCH_NO_BACKGROUND: "" })
    ).toMatchObject({ events: 0, sqliteFile: "/tmp/b.db", keepDatabase: true, background: false })
    expect(() => benchEnvironment({ BENCH_EVENTS: "1e6x" })).toThrow(
      'BENCH_EVENTS must be a whole number ≥ 0, not "1e6x"'
    )
  })
})
