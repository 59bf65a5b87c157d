/** Retries what fails with an error kafkajs marks retriable (leader moves, coordinator loading) until `ms` passes. */
export async function retrying<T>(action: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms
  for (let attempt = 0; ; attempt++) {
    try {
      return await action()
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true
      if (!retriable || Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** attempt)))
    }
  }
}
