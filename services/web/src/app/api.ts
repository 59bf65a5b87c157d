/** Calls the API with the key kept for this tab (sessionStorage: gone when the tab closes, never in a cookie). */
export class Unauthorized extends Error {}
export class Forbidden extends Error {}

const KEY = "igv-key"
export const storedKey = (): string | null => sessionStorage.getItem(KEY)
export const keepKey = (key: string): void => sessionStorage.setItem(KEY, key)
export const forgetKey = (): void => sessionStorage.removeItem(KEY)

export const get = <T>(path: string, key = storedKey()): Promise<T> => call<T>("GET", path, undefined, key)

/** A call with a JSON body (or none); the API's own message on failure. */
export const call = async <T>(method: string, path: string, body?: unknown, key = storedKey()): Promise<T> => {
  const headers: Record<string, string> = key === null ? {} : { "x-api-key": key }
  if (body !== undefined) headers["content-type"] = "application/json"
  const response = await fetch(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  if (response.status === 401) throw new Unauthorized()
  if (response.status === 403) throw new Forbidden()
  if (!response.ok) throw new Error(((await response.json()) as { message?: string }).message ?? response.statusText)
  return (await response.json()) as T
}

export interface RunStatus {
  readonly id: string
  readonly scenarioId: string
  readonly version: number
  readonly replications: number
  readonly status: string
  readonly progress: { readonly done: number; readonly total: number }
  readonly requestedAt: string
  readonly requestedBy: string
  readonly reason?: string
}
export const completedRuns = async (): Promise<ReadonlyArray<RunStatus>> =>
  (await get<{ items: ReadonlyArray<RunStatus> }>("/runs?status=completed&limit=1000")).items
