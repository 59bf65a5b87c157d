import { rename, rm, writeFile } from "node:fs/promises"
import { statSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { temporaryBeside } from "@igv/runner"
import { UsageError, type Io } from "./command.js"

/** Writes a whole file or nothing: a temporary file beside it, renamed into place. */
export const writeFileAtomic = async (path: string, text: string | Uint8Array): Promise<void> => {
  const temp = temporaryBeside(path)
  try {
    await writeFile(temp, text)
    await rename(temp, path)
  } catch (e) {
    await rm(temp, { force: true })
    throw e
  }
}

/** A file an option names, written whole or not at all; a failure is the user's to fix (exit 2). */
export const writeOptionFile = async (option: string, path: string, text: string | Uint8Array): Promise<void> => {
  try {
    await writeFileAtomic(path, text)
  } catch (e) {
    const code = (e as { code?: string }).code
    throw new UsageError(
      `cannot write ${option} ${path}: ${code === "ENOENT" ? "its folder does not exist" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "it is a folder" : (e as Error).message}`
    )
  }
}

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** `--out FILE` must go into a folder that exists and not be a folder itself; checked before a command starts its work. */
export const checkOutFolder = (out: string, option = "--out"): void => {
  const folder = dirname(resolve(out))
  if (!isFolder(folder)) throw new UsageError(`cannot write ${option} ${out}: the folder ${folder} does not exist`)
  if (isFolder(out)) throw new UsageError(`cannot write ${option} ${out}: it is a folder`)
}

/** Resolves once the text is handed to the stream (so large output is not cut off at exit). */
const writeAll = (stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> =>
  new Promise((resolve, reject) => stream.write(text, (e) => (e ? reject(e) : resolve())))

/** The finished result, to `--out` (atomically) or stdout; only ever called with complete output. Text ends with a newline; bytes go as they are. */
export const emit = async (io: Io, text: string | Uint8Array, out: string | undefined): Promise<void> => {
  const body = typeof text !== "string" || text.endsWith("\n") ? text : `${text}\n`
  if (out === undefined) await writeAll(io.stdout, body)
  else {
    await writeOptionFile("--out", out, body)
    await writeAll(io.stderr, `wrote ${out}\n`)
  }
}
