/**
 * pass^k as τ-bench defines it: the chance that k independent trials of a task all succeed, estimated from n
 * trials with c successes as C(c, k) / C(n, k). pass^1 is the plain success rate; pass^k for larger k shows how
 * reliably, not just how often, the agent gets a conversation right.
 *
 * @example passHatK(4, 3, 1) // 0.75
 * @example passHatK(4, 3, 4) // 0
 */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0
  let result = 1
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i
  return result
}

export function passHatK(trials: number, successes: number, k: number): number {
  if (k > trials) throw new Error(`pass^${k} needs at least ${k} trials, got ${trials}`)
  return choose(successes, k) / choose(trials, k)
}
