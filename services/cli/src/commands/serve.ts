import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import type { Role } from "@igv/api"
import { isKafkaUrl, splitQuery } from "@igv/event-store-url"
import { sqlitePathFromUrl } from "@igv/event-store-sqlite"
import { intOption, stringOption } from "../args.js"
import { EXIT_OK, UsageError, type Command } from "../command.js"
import { STORE_HELP, storeUrlOf } from "./ingest.js"

const HOST = "127.0.0.1"
// The API's roles, written here (the compiler checks they are all and only the API's): importing @igv/api, fastify
// and the service, is left to `igv serve` itself, so every other command starts as fast as before.
const ROLES = Object.keys({ planner: 0, "rlc-manager": 0, researcher: 0, ingest: 0, admin: 0 } satisfies Record<
  Role,
  0
>)

export const serve: Command = {
  name: "serve",
  summary: "the web page and the API on 127.0.0.1 over the embedded store, for one person on a laptop",
  help: `Usage: igv serve [--store sqlite:PATH] [--port N] [--role ROLE]

Starts the API and its web page (scenario comparison, interruption timeline) on ${HOST} only, over the
embedded SQLite store, and creates a key for you with the given role. It prints the page's address with the key
in its fragment (#key=…): opening it logs you in (the browser never sends a fragment to the server, and the
page keeps the key in that tab only). Any other key of the store logs in too. The key is revoked when igv serve
stops (Ctrl-C, SIGTERM); runs still executing are handed back and resume at the next start.

Options:
${STORE_HELP}
                      (SQLite only: a Kafka store has the API service of its own, services/api)
  --port N            the port (default 8080; 0 picks a free one)
  --role ROLE         the role of your key: ${ROLES.join(", ")} (default planner: scenarios, runs,
                      history; rlc-manager reads the feed too)

Examples:
  igv serve
  igv serve --store sqlite:./data/igv.db --port 8090 --role rlc-manager

Exit codes: 0 stopped, 2 bad input, 1 anything else.`,
  options: {
    store: { type: "string" },
    port: { type: "string" },
    role: { type: "string" }
  },
  positionals: { min: 0, max: 0 },
  run: async ({ values }, io) => {
    const storeUrl = splitQuery(storeUrlOf(values)).url
    if (isKafkaUrl(storeUrl))
      throw new UsageError(
        "igv serve runs over the embedded SQLite store; for Kafka start the API service (services/api)"
      )
    const port = intOption(values, "port", 0, 65_535) ?? 8080
    const role = stringOption(values, "role") ?? "planner"
    if (!(ROLES as ReadonlyArray<string>).includes(role))
      throw new UsageError(`--role must be one of ${ROLES.join(", ")}`)
    const path = resolve(sqlitePathFromUrl(storeUrl))
    mkdirSync(dirname(path), { recursive: true })
    const { createApi } = await import("@igv/api")
    const api = await createApi({ store: `sqlite:${path}`, host: HOST, port, logRequests: false })
    try {
      const address = await api.app.listen({ host: HOST, port })
      const { record, key } = await api.keys.create(role as Role, "igv serve", "igv serve")
      io.stdout.write(
        `igv serve: the page at ${address}/app/#key=${key}\n` +
          `  store sqlite:${path}; your ${role} key ${record.id} (revoked when this stops); API documentation at ${address}/docs\n` +
          "  stop with Ctrl-C\n"
      )
      await new Promise<void>((stop) => {
        process.once("SIGINT", () => stop())
        process.once("SIGTERM", () => stop())
      })
      io.stderr.write("stopping: finishing requests, handing back runs, revoking the key, closing the store\n")
      await api.keys.revoke(record.id)
    } finally {
      await api.close()
    }
    return EXIT_OK
  }
}
