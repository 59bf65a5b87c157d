import { Effect, Schema } from "effect"
import { isMaxLength } from "@igv/domain"
import type { KeyRing, KeyRecord } from "../auth/keys.js"
import { Role } from "../auth/roles.js"
import { notFound } from "../errors.js"
import { IdParams } from "../http/common.js"
import { ok, route, type Route } from "../http/route.js"

const CreateKeyBody = Schema.Struct({
  role: Role,
  label: Schema.String.check(isMaxLength(200)).pipe(Schema.withDecodingDefaultKey(Effect.succeed("")))
}).annotate({ identifier: "CreateKey" })

const KeyInfo = Schema.Struct({
  id: Schema.String,
  role: Role,
  label: Schema.String,
  createdAt: Schema.String,
  createdBy: Schema.String,
  revokedAt: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "ApiKeyInfo" })

const CreatedKey = Schema.Struct({
  ...KeyInfo.fields,
  /** Shown this once; only its SHA-256 is stored. */
  key: Schema.String
}).annotate({ identifier: "CreatedApiKey" })

const info = ({ sha256: _hash, ...rest }: KeyRecord) => rest

export const keyRoutes = (keys: KeyRing): ReadonlyArray<Route> => [
  route({
    method: "POST",
    url: "/keys",
    tag: "keys",
    permission: "key:admin",
    summary: "Create an API key with a role; the key is in this answer only",
    body: CreateKeyBody,
    responses: { 201: { description: "The new key", schema: CreatedKey } },
    handler: async ({ body, principal }) => {
      const { record, key } = await keys.create(body.role, body.label, principal.keyId)
      return ok({ ...info(record), key }, 201)
    }
  }),
  route({
    method: "GET",
    url: "/keys",
    tag: "keys",
    permission: "key:admin",
    summary: "Every key's id, role and label (never the key or its hash)",
    responses: { 200: { description: "Keys", schema: Schema.Struct({ keys: Schema.Array(KeyInfo) }) } },
    handler: async () => {
      await keys.refresh()
      return ok({ keys: keys.list().map(info) })
    }
  }),
  route({
    method: "DELETE",
    url: "/keys/:id",
    tag: "keys",
    permission: "key:admin",
    summary: "Revoke a key; it answers 401 from now on",
    params: IdParams,
    responses: { 204: { description: "Revoked" }, 404: { description: "No such key" } },
    handler: async ({ params }) => {
      if (!(await keys.revoke(params.id))) throw notFound(`key ${params.id}`, "params.id")
      return { status: 204, body: undefined }
    }
  })
]
