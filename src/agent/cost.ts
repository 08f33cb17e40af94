/**
 * What Claude's tokens cost, from the prices in the settings (USD per million tokens of the configured model).
 * Cache reads cost 0.1× the input price; cache writes 1.25× for the 5-minute lifetime and 2× for the 1-hour one.
 * A price per million tokens in USD is a price per token in micro-dollars, so costs are kept as whole
 * micro-dollars (1 USD = 1,000,000).
 */
import type { TokenUsage } from './types.ts'

export interface ClaudePrices {
  /** USD per million input tokens. */
  inputPerMTok: number
  /** USD per million output tokens. */
  outputPerMTok: number
  /** The cache lifetime used, which sets the price of a cache write. */
  cacheTtl: '5m' | '1h'
}

export const cacheReadFactor = 0.1
export const cacheWriteFactors = { '5m': 1.25, '1h': 2 } as const

/** Input tokens as billed, in units of one uncached input token: reads weigh 0.1, writes 1.25 (or 2 for 1 h). */
export function billedInputTokens(usage: TokenUsage, cacheTtl: '5m' | '1h' = '5m'): number {
  return (
    usage.inputTokens + usage.cacheReadTokens * cacheReadFactor + usage.cacheWriteTokens * cacheWriteFactors[cacheTtl]
  )
}

/** The estimated cost of `usage` in whole micro-dollars: `costMicroUsd({ inputTokens: 1000, … }, prices)`. */
export function costMicroUsd(usage: TokenUsage, prices: ClaudePrices): number {
  const input = billedInputTokens(usage, prices.cacheTtl) * prices.inputPerMTok
  const output = usage.outputTokens * prices.outputPerMTok
  return Math.round(input + output)
}

/** Micro-dollars as a dollar amount for people: 12345 → "$0.0123". */
export function formatUsd(micro: number): string {
  const usd = micro / 1_000_000
  return `$${usd >= 1 ? usd.toFixed(2) : usd.toFixed(4)}`
}
