import { describe, expect, it } from "vitest"
import { commandLoaders } from "./index.js"

describe("the command registry", () => {
  it("loads under each name the command of that name", async () => {
    for (const [name, load] of Object.entries(commandLoaders)) expect((await load()).name).toBe(name)
  })

  it("lists the commands in alphabetical order, as the overview shows them", () => {
    const names = Object.keys(commandLoaders)
    expect(names).toEqual([...names].sort())
  })
})
