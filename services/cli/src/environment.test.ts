import { describe, expect, it } from "vitest"
import { cliEnvironment } from "./environment.js"

describe("the CLI's environment", () => {
  it("reads each variable it documents, by its name", () => {
    expect(
      cliEnvironment({
        IGV_STORE: "sqlite:a.db",
        IGV_CLICKHOUSE_URL: "http://h:8123",
        IGV_CLICKHOUSE_DATABASE: "x",
        IGV_CLICKHOUSE_USER: "u",
        IGV_CLICKHOUSE_PASSWORD: "p",
        IGV_PSEUDONYM_KEY: "k",
        IGV_DECODE_WORKER: "0"
      })
    ).toEqual({
      store: "sqlite:a.db",
      clickhouseUrl: "http://h:8123",
      clickhouseDatabase: "x",
      clickhouseUser: "u",
      clickhousePassword: "p",
      pseudonymKey: "k",
      decodeWorker: false
    })
  })

  it("forces the ingest's decode worker on with 1 and off with 0, and leaves the choice to ingest otherwise", () => {
    expect(["1", "0", "", "yes", undefined].map((v) => cliEnvironment({ IGV_DECODE_WORKER: v }).decodeWorker)).toEqual([
      true,
      false,
      undefined,
      undefined,
      undefined
    ])
  })

  it("takes a variable set to the empty string as unset, so the option's default applies", () => {
    expect(
      Object.values(cliEnvironment({ IGV_STORE: "", IGV_PSEUDONYM_KEY: "", IGV_CLICKHOUSE_PASSWORD: "" })).every(
        (v) => v === undefined
      )
    ).toBe(true)
  })
})
