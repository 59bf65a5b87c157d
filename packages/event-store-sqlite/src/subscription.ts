import type { StoredEvent, SubscribeOptions, Subscription } from "@igv/event-store"

interface PollingOptions extends SubscribeOptions {
  /** Events with position > from, in position order, at most one page. */
  readonly readPage: (from: bigint) => StoredEvent[]
  readonly saveCheckpoint: ((position: bigint) => void) | undefined
  readonly pollIntervalMs: number
  /** The store calls every waker after a local append so live subscribers do not wait for the next poll. */
  readonly wakers: Set<() => void>
}

/** Reads pages after the last delivered position, hands them to the handler one at a time, checkpoints after each resolves. */
export function startPollingSubscription(options: PollingOptions): Subscription {
  let stopped = false
  let wake: (() => void) | undefined
  const waker = () => wake?.()
  options.wakers.add(waker)

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), options.pollIntervalMs)
      const done = () => {
        clearTimeout(timer)
        wake = undefined
        resolve()
      }
      wake = done
    })

  const run = async () => {
    let position = options.from
    try {
      while (!stopped) {
        const page = options.readPage(position)
        if (page.length === 0) {
          await sleep()
          continue
        }
        await options.handler(page)
        position = page[page.length - 1]!.position
        options.saveCheckpoint?.(position)
      }
    } finally {
      options.wakers.delete(waker)
    }
  }
  const done = run()

  return {
    done,
    async close() {
      stopped = true
      wake?.()
      await done.catch(() => undefined)
    }
  }
}
