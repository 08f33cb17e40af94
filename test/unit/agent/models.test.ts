import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultClaudeModel, sdkDeprecatedModels, sdkDeprecation } from '../../../src/agent/models.ts'
import { loadConfig } from '../../../src/config.ts'

/** The model ids the installed SDK lists in its `Model` type. */
function sdkModelIds(): string[] {
  const require = createRequire(import.meta.url)
  const root = path.dirname(require.resolve('@anthropic-ai/sdk'))
  const types = readFileSync(path.join(root, 'resources/messages/messages.d.ts'), 'utf8')
  const union = /export type Model =([^;]+);/.exec(types)?.[1] ?? ''
  return [...union.matchAll(/'([^']+)'/g)].map((match) => match[1]!)
}

describe('the default Claude model', () => {
  it('is one the installed SDK knows, and not on its deprecated list', () => {
    expect(sdkModelIds()).toContain(defaultClaudeModel)
    expect(Object.keys(sdkDeprecatedModels()).length).toBeGreaterThan(0)
    expect(sdkDeprecation(defaultClaudeModel)).toBeNull()
    expect(loadConfig({}).ANTHROPIC_MODEL).toBe(defaultClaudeModel)
  })

  it("reads the SDK's end-of-life dates", () => {
    expect(sdkDeprecation('claude-sonnet-4-5')).toBe('November 30th, 2026')
  })
})
