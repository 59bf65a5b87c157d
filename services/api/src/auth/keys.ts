import { createHash, randomBytes, timingSafeEqual } from "node:crypto"
import type { EventStore } from "@igv/event-store"
import { isKeyId, newKeyId } from "../ids.js"
import type { Role } from "./roles.js"

/** Key records live in one stream of the event store: created and revoked, never the key itself. */
export const KEYS_STREAM = "api-keys"

export interface KeyRecord {
  readonly id: string
  readonly role: Role
  readonly label: string
  /** SHA-256 of the whole key, hex. */
  readonly sha256: string
  readonly createdAt: string
  readonly createdBy: string
  readonly revokedAt?: string
}

export interface Principal {
  readonly keyId: string
  readonly role: Role
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

/** `igv_<id>_<secret>`: the id is public (it is logged), the secret is 256 random bits. */
const KEY_PATTERN = /^igv_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/

export const newKey = (): { id: string; key: string } => {
  const id = newKeyId()
  return { id, key: `igv_${id}_${randomBytes(32).toString("base64url")}` }
}

/**
 * The set of API keys, folded from the store. Authentication reads through to the store whenever the fold is
 * older than `maxStalenessMs`, so a key created or revoked by another process on the same store (a second API
 * process, the admin command) counts here within that bound; concurrent requests share one read.
 */
export class KeyRing {
  private readonly records = new Map<string, KeyRecord>()
  private loadedVersion = 0
  private lastRefresh = 0
  private refreshing: Promise<void> | undefined

  constructor(
    private readonly store: EventStore,
    private readonly maxStalenessMs = 500
  ) {}

  /** Reads what was appended to the key stream since the last read; callers at the same time share the read. */
  refresh(): Promise<void> {
    this.refreshing ??= this.readNew().finally(() => {
      this.refreshing = undefined
    })
    return this.refreshing
  }

  /** A read that starts after now, so it sees a write made before (one already under way may have begun earlier). */
  private async refreshAfterWrite(): Promise<void> {
    await this.refreshing
    await this.refresh()
  }

  private async readNew(): Promise<void> {
    const started = Date.now()
    for await (const e of this.store.readStream(KEYS_STREAM, this.loadedVersion + 1)) {
      this.loadedVersion = e.version
      const p = e.payload as KeyRecord & { id: string; at?: string }
      if (e.type === "ApiKeyCreated") this.records.set(p.id, { ...p })
      else if (e.type === "ApiKeyRevoked") {
        const r = this.records.get(p.id)
        if (r !== undefined) this.records.set(p.id, { ...r, revokedAt: e.occurredAt })
      }
    }
    this.lastRefresh = started
  }

  /** Creates a key; the caller shows `key` once, only its hash is stored. */
  async create(role: Role, label: string, createdBy: string): Promise<{ record: KeyRecord; key: string }> {
    const { id, key } = newKey()
    const record: KeyRecord = { id, role, label, sha256: sha256(key), createdAt: new Date().toISOString(), createdBy }
    await this.store.append(KEYS_STREAM, [
      {
        id: `api-key-created-${id}`,
        type: "ApiKeyCreated",
        occurredAt: record.createdAt,
        schemaVersion: 1,
        payload: record
      }
    ])
    await this.refreshAfterWrite()
    return { record, key }
  }

  async revoke(id: string): Promise<boolean> {
    if (!isKeyId(id)) return false
    await this.refresh()
    const r = this.records.get(id)
    if (r === undefined) return false
    if (r.revokedAt === undefined) {
      await this.store.append(KEYS_STREAM, [
        {
          id: `api-key-revoked-${id}`,
          type: "ApiKeyRevoked",
          occurredAt: new Date().toISOString(),
          schemaVersion: 1,
          payload: { id }
        }
      ])
      await this.refreshAfterWrite()
    }
    return true
  }

  list(): ReadonlyArray<KeyRecord> {
    return [...this.records.values()]
  }

  /** The principal a presented key stands for, or undefined for a malformed, unknown or revoked key. */
  async authenticate(presented: string): Promise<Principal | undefined> {
    const m = KEY_PATTERN.exec(presented)
    if (m === null) return undefined
    const id = m[1]!
    if (Date.now() - this.lastRefresh >= this.maxStalenessMs) await this.refresh()
    // A key made a moment ago by another process (the first-key hint's command) is not in a fold younger than
    // the staleness bound; an id we have never seen gets one read that starts after the request did.
    if (!this.records.has(id)) await this.refreshAfterWrite()
    const record = this.records.get(id)
    if (record === undefined || record.revokedAt !== undefined) return undefined
    const a = Buffer.from(sha256(presented), "hex"),
      b = Buffer.from(record.sha256, "hex")
    return a.length === b.length && timingSafeEqual(a, b) ? { keyId: id, role: record.role } : undefined
  }
}
