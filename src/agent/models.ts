/**
 * Which Claude model Layan uses by default, and what the installed Anthropic SDK says about model retirement.
 *
 * The default is the newest Sonnet in the installed SDK's model list: a support chat needs quick, tool-reliable
 * answers at a moderate price more than the largest model. It must never be on the SDK's deprecated list
 * (test/unit/agent/models.test.ts checks both against the installed package).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/** The model used when ANTHROPIC_MODEL is not set. */
export const defaultClaudeModel = 'claude-sonnet-5-5'

let deprecatedModels: Record<string, string> | null | undefined

/**
 * The SDK's own table of deprecated models and their end-of-life dates (`internal/data/deprecated-models.js` in
 * the package; not an exported entry point, so it is read as a file). Empty when it cannot be read.
 */
export function sdkDeprecatedModels(): Record<string, string> {
  if (deprecatedModels === undefined) {
    try {
      const require = createRequire(import.meta.url)
      const root = path.dirname(require.resolve('@anthropic-ai/sdk'))
      const source = readFileSync(path.join(root, 'internal/data/deprecated-models.js'), 'utf8')
      const table: Record<string, string> = {}
      for (const match of source.matchAll(/'([^']+)':\s*'([^']+)'/g)) table[match[1]!] = match[2]!
      deprecatedModels = table
    } catch {
      deprecatedModels = null
    }
  }
  return deprecatedModels ?? {}
}

/** The end-of-life date the SDK gives for `model` ("November 30th, 2026"), or null when it is not deprecated. */
export function sdkDeprecation(model: string): string | null {
  return sdkDeprecatedModels()[model] ?? null
}
