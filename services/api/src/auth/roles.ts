import { Schema } from "effect"

export const Role = Schema.Literals(["planner", "rlc-manager", "researcher", "ingest", "admin"])
export type Role = typeof Role.Type
export const ROLES: ReadonlyArray<Role> = Role.literals

/** What a route needs; every route but /health names exactly one. */
export type Permission =
  | "docs:read"
  | "scenario:read"
  | "scenario:write"
  | "run:read"
  | "run:write"
  | "history:read"
  | "feed:read"
  | "feed:write"
  | "quarantine:drop"
  | "analytics:read"
  | "key:admin"

/**
 * planner: scenarios and runs; rlc-manager: reads scenarios (the rules behind a run), runs, reports, interruptions and the feed;
 * researcher: runs and every read; ingest: the feed only; admin: keys, and dropping quarantined rows (least privilege).
 */
export const GRANTS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  planner: new Set<Permission>([
    "docs:read",
    "scenario:read",
    "scenario:write",
    "run:read",
    "run:write",
    "history:read",
    "analytics:read"
  ]),
  "rlc-manager": new Set<Permission>([
    "docs:read",
    "scenario:read",
    "run:read",
    "history:read",
    "feed:read",
    "analytics:read"
  ]),
  researcher: new Set<Permission>([
    "docs:read",
    "scenario:read",
    "run:read",
    "run:write",
    "history:read",
    "feed:read",
    "analytics:read"
  ]),
  ingest: new Set<Permission>(["docs:read", "feed:read", "feed:write", "quarantine:drop"]),
  // Dropping quarantined rows (personal data that will not be corrected) is a data-protection task, not only an ingest one.
  admin: new Set<Permission>(["docs:read", "key:admin", "quarantine:drop"])
}

export const may = (role: Role, permission: Permission): boolean => GRANTS[role].has(permission)
