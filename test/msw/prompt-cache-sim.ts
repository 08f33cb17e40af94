/**
 * Usage for a Messages API request as the API's prompt cache would bill it, for the stand-ins of the API
 * (test/msw). It follows the documented rules:
 *
 * - the request is a sequence of blocks: tools, then system blocks, then each message's content blocks;
 * - a block with `cache_control` is a breakpoint; a breakpoint writes the prefix ending at it to the cache
 *   (5 minutes, or 1 hour with `ttl: '1h'`), each use refreshes it;
 * - a request reads the longest cached prefix ending at a breakpoint or at one of the 20 blocks before one;
 * - a prefix shorter than the model's minimum (`minCacheableTokens`) is never cached, and no error says so;
 * - `input_tokens` counts what is after the last breakpoint, `cache_creation_input_tokens` what was written,
 *   `cache_read_input_tokens` what was read.
 *
 * Tokens are estimated at four characters of each block's JSON (the real tokenizer is not public): the figures
 * are close enough to compare layouts, not to predict a bill to the cent.
 */
import { createHash } from 'node:crypto'

export interface CacheUsage {
  input_tokens: number
  cache_read_input_tokens: number
  cache_creation_input_tokens: number
}

export interface PromptCacheSimulator {
  /** Bills `body` and updates the cache as the API would. */
  usage(body: unknown): CacheUsage
  /** Forgets everything cached. */
  reset(): void
}

export interface PromptCacheSimulatorOptions {
  /** Default 1024, the smallest minimum of the current models. */
  minCacheableTokens?: number
  /** Clock for lifetimes (epoch ms). Default Date.now. */
  now?: () => number
}

interface Block {
  json: string
  breakpoint: { ttlMs: number } | null
}

const lookbackBlocks = 20
const ttls = { '5m': 5 * 60_000, '1h': 60 * 60_000 }

/** Tokens of a text, estimated at four characters each. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4)
}

function breakpointOf(value: unknown): Block['breakpoint'] {
  const control = (value as { cache_control?: { type?: string; ttl?: string } } | null)?.cache_control
  if (control?.type !== 'ephemeral') return null
  return { ttlMs: control.ttl === '1h' ? ttls['1h'] : ttls['5m'] }
}

function withoutControl(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value
  const { cache_control: _ignored, ...rest } = value as Record<string, unknown>
  return rest
}

/** The request as the cache sees it: one entry per block, in order. */
export function blocksOf(body: unknown): Block[] {
  const request = body as {
    tools?: unknown[]
    system?: string | unknown[]
    messages?: { role: string; content: string | unknown[] }[]
  }
  const blocks: Block[] = []
  for (const tool of request.tools ?? []) {
    blocks.push({ json: JSON.stringify(withoutControl(tool)), breakpoint: breakpointOf(tool) })
  }
  const system = typeof request.system === 'string' ? [{ type: 'text', text: request.system }] : (request.system ?? [])
  for (const block of system)
    blocks.push({ json: JSON.stringify(withoutControl(block)), breakpoint: breakpointOf(block) })
  for (const message of request.messages ?? []) {
    const content = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content
    content.forEach((block, i) => {
      // The role is part of what the model reads, so it is part of the prefix.
      const json = JSON.stringify(
        i === 0 ? { role: message.role, block: withoutControl(block) } : withoutControl(block),
      )
      blocks.push({ json, breakpoint: breakpointOf(block) })
    })
  }
  return blocks
}

export function createPromptCacheSimulator(options: PromptCacheSimulatorOptions = {}): PromptCacheSimulator {
  const minTokens = options.minCacheableTokens ?? 1024
  const now = options.now ?? (() => Date.now())
  const entries = new Map<string, number>()

  return {
    usage(body) {
      const blocks = blocksOf(body)
      const hashes: string[] = []
      const cumulative: number[] = []
      let hash = ''
      let tokens = 0
      for (const block of blocks) {
        hash = createHash('sha256').update(hash).update(block.json).digest('hex')
        tokens += estimateTokens(block.json)
        hashes.push(hash)
        cumulative.push(tokens)
      }
      const total = tokens
      const breakpoints = blocks.flatMap((block, i) => (block.breakpoint ? [i] : []))
      const last = breakpoints.at(-1)
      if (last === undefined) return { input_tokens: total, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }

      const at = now()
      let hit = -1
      for (const point of breakpoints) {
        for (let i = point; i >= Math.max(0, point - lookbackBlocks); i--) {
          if (i > hit && (entries.get(hashes[i]!) ?? 0) > at) hit = i
        }
      }
      const read = hit >= 0 ? cumulative[hit]! : 0
      if (hit >= 0) entries.set(hashes[hit]!, at + longestTtl(blocks, hit))
      const cachedEnd = cumulative[last]!
      if (cachedEnd < minTokens) {
        return { input_tokens: total - read, cache_read_input_tokens: read, cache_creation_input_tokens: 0 }
      }
      let written = 0
      if (hit < last) {
        written = cachedEnd - read
        for (const point of breakpoints) {
          if (point > hit && cumulative[point]! >= minTokens) {
            entries.set(hashes[point]!, at + blocks[point]!.breakpoint!.ttlMs)
          }
        }
      }
      return { input_tokens: total - cachedEnd, cache_read_input_tokens: read, cache_creation_input_tokens: written }
    },
    reset() {
      entries.clear()
    },
  }
}

/** The lifetime an entry ending at `index` was written with: the breakpoint's own, else the next one's. */
function longestTtl(blocks: Block[], index: number): number {
  for (let i = index; i < blocks.length; i++) {
    const point = blocks[i]!.breakpoint
    if (point) return point.ttlMs
  }
  return ttls['5m']
}
