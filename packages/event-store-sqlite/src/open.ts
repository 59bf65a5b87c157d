import { SqliteEventStore, type SqliteStoreOptions } from "./sqlite-store.js"

/** Accepts `sqlite:./data/igv.db`, `sqlite:///abs/igv.db`, `sqlite::memory:` or a plain path; a `?query` is ignored here (the caller's filters). */
export function sqlitePathFromUrl(url: string): string {
  let path = url.replace(/^sqlite:(\/\/(?=\/))?/, "")
  const query = path.indexOf("?")
  if (query >= 0) path = path.slice(0, query)
  if (path === "") throw new Error(`No database path in "${url}"; expected e.g. sqlite:./data/igv.db`)
  return path
}

export async function openSqliteStore(url: string, options: SqliteStoreOptions = {}): Promise<SqliteEventStore> {
  return new SqliteEventStore(sqlitePathFromUrl(url), options)
}
