/** Drains an async iterable into an array (reads of bounded size: tests, small streams). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}
