/** The bytes of a file cut into arbitrary chunks (cut points as shares of its length), as a read stream might deliver them. */
export async function* chunked(bytes: Buffer, cuts: ReadonlyArray<number>): AsyncGenerator<Buffer> {
  let at = 0
  for (const c of [...cuts].map((x) => Math.floor(x * bytes.length)).sort((a, b) => a - b)) {
    if (c > at) yield bytes.subarray(at, c)
    at = Math.max(at, c)
  }
  if (at < bytes.length) yield bytes.subarray(at)
}
