/** At most `size` holders at once; waiters get a slot in arrival order. */
export interface Slots {
  acquire(): Promise<void>
  release(): void
}

export function createSlots(size: number): Slots {
  let free = size
  const waiting: (() => void)[] = []
  return {
    async acquire() {
      if (free > 0) free--
      else await new Promise<void>((resolve) => waiting.push(resolve))
    },
    release() {
      const next = waiting.shift()
      if (next) next()
      else free++
    },
  }
}
