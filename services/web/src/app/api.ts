/** Calls the API with the key kept for this tab (sessionStorage: gone when the tab closes, never in a cookie). */
export class Unauthorized extends Error {}
export class Forbidden extends Error {}

const KEY = "igv-key"
export const storedKey = (): string | null => sessionStorage.getItem(KEY)
export const keepKey = (key: string): void => sessionStorage.setItem(KEY, key)
export const forgetKey = (): void => sessionStorage.removeItem(KEY)

export const get = async <T>(path: string, key = storedKey()): Promise<T> => {
  const response = await fetch(path, { headers: key === null ? {} : { "x-api-key": key } })
  if (response.status === 401) throw new Unauthorized()
  if (response.status === 403) throw new Forbidden()
  if (!response.ok) throw new Error(((await response.json()) as { message?: string }).message ?? response.statusText)
  return (await response.json()) as T
}

export interface RunStatus { readonly id: string; readonly scenarioId: string; readonly version: number; readonly replications: number; readonly status: string }
export const completedRuns = async (): Promise<ReadonlyArray<RunStatus>> =>
  (await get<{ items: ReadonlyArray<RunStatus> }>("/runs?status=completed&limit=1000")).items
