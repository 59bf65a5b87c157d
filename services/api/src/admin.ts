// Key administration from the command line, against the same store the service uses (IGV_STORE):
//   node dist/admin.js create-key --role admin [--label "first admin"]
//   node dist/admin.js list-keys
import { parseArgs } from "node:util"
import { Schema } from "effect"
import { openStore } from "@igv/event-store-url"
import { KeyRing } from "./auth/keys.js"
import { Role } from "./auth/roles.js"
import { loadApiConfig } from "./config.js"

const USAGE = "usage: admin.js create-key --role planner|rlc-manager|researcher|ingest|admin [--label TEXT] | list-keys"

const main = async (): Promise<number> => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: "string" }, label: { type: "string" } }
  })
  const command = positionals[0]
  const storeUrl = loadApiConfig().store
  if (command !== "create-key" && command !== "list-keys") {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  const role = command === "create-key" ? Schema.decodeUnknownOption(Role)(values.role) : undefined
  if (role !== undefined && role._tag === "None") {
    process.stderr.write(`--role must be one of ${Role.literals.join(", ")}\n${USAGE}\n`)
    return 2
  }
  const store = await openStore(storeUrl)
  try {
    const keys = new KeyRing(store)
    await keys.refresh()
    if (role === undefined) {
      for (const k of keys.list())
        process.stdout.write(
          `${k.id}\t${k.role}\t${k.revokedAt === undefined ? "active" : `revoked ${k.revokedAt}`}\t${k.label}\n`
        )
    } else {
      const { record, key } = await keys.create(role.value, values.label ?? `created by admin.js`, "admin.js")
      process.stdout.write(`${key}\n`)
      process.stderr.write(
        `key ${record.id} (role ${record.role}) created in ${storeUrl}; it is shown only now, store it safely\n`
      )
    }
    return 0
  } finally {
    await store.close()
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
    process.exit(1)
  }
)
