/** Counts messages being answered so a shutdown can wait for them before the database closes. */
export function trackInFlight<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  let count = 0
  let idle: (() => void)[] = []
  return {
    run: async (...args: A): Promise<R> => {
      count++
      try {
        return await fn(...args)
      } finally {
        count--
        if (count === 0) {
          for (const resolve of idle) resolve()
          idle = []
        }
      }
    },
    get count() {
      return count
    },
    drain: (): Promise<void> => (count === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve))),
  }
}
