/** Latency statistics for benchmarks. */

export interface Timing {
  n: number
  p50_ms: number
  p99_ms: number
  ops_per_s: number
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)] ?? 0
}

const round = (v: number) => Math.round(v * 1000) / 1000

/** Runs `fn` `n` times one after another (after a short warm-up) and summarises the latencies. */
export async function measure(
  n: number,
  fn: (i: number) => Promise<unknown>,
  warmup = Math.min(20, n),
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i)
  return summarize(await sample(n, fn))
}

/** The latency in ms of each of `n` calls of `fn`, one after another, appended to `into`. */
export async function sample(n: number, fn: (i: number) => Promise<unknown>, into: number[] = []): Promise<number[]> {
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn(i)
    into.push(performance.now() - t)
  }
  return into
}

/** p50, p99 and the rate of calls made one after another, from their latencies. */
export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b)
  const total = sorted.reduce((sum, v) => sum + v, 0)
  return {
    n: sorted.length,
    p50_ms: round(percentile(sorted, 50)),
    p99_ms: round(percentile(sorted, 99)),
    ops_per_s: total > 0 ? round((sorted.length / total) * 1000) : 0,
  }
}

/** This line's p50 over the baseline's p50. */
export function ratio(line: Timing, baseline: Timing): number {
  return baseline.p50_ms > 0 ? round(line.p50_ms / baseline.p50_ms) : 0
}
