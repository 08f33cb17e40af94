/**
 * One trial of one conversation: a fresh copy of the demo shop, the real core with the Claude agent, every line
 * through the terminal chat's JSON protocol (the same presses of confirm and reject), each answer checked against
 * the line's expectations, and the tokens and estimated cost the trial used.
 */

import type { PGlite } from '@electric-sql/pglite'
import { localBackend } from '../adapters/cli/backend.ts'
import { createJsonSession } from '../adapters/cli/json-mode.ts'
import type { TokenUsage } from '../src/agent/types.ts'
import { type AppConfig, createApp } from '../src/app.ts'
import { openDatabase } from '../src/db/client.ts'
import type { Logger } from '../src/logger.ts'
import type { EvalConversation } from './conversations.ts'
import { unmetExpectations } from './expectations.ts'

export interface LineProblem {
  /** 1-based line of the conversation. */
  line: number
  said: string
  problems: string[]
}

export interface TrialResult {
  passed: boolean
  problems: LineProblem[]
  usage: TokenUsage
  costMicroUsd: number
  /** Answers given by the rule agent because Claude could not answer. */
  limitedModeAnswers: number
  ms: number
}

export interface TrialDeps {
  /** A migrated, seeded database to copy for each trial. */
  template: PGlite
  config: AppConfig
  log: Logger
}

export async function runTrial(deps: TrialDeps, conversation: EvalConversation): Promise<TrialResult> {
  const started = performance.now()
  const db = await openDatabase({ pglite: (await deps.template.clone()) as PGlite })
  try {
    const built = createApp({ db, log: deps.log, config: deps.config, agent: 'claude' })
    const session = createJsonSession({ backend: localBackend(built.core, built.services.crm) })
    const problems: LineProblem[] = []
    for (const [index, line] of conversation.lines.entries()) {
      const input = { conversation: line.conversation, as: line.as ?? null, text: line.text, action: line.action }
      const out = await session.handleLine(JSON.stringify(input))
      const unmet = unmetExpectations(line.expect, out)
      if (unmet.length > 0) problems.push({ line: index + 1, said: line.text ?? `[${line.action}]`, problems: unmet })
    }
    const rows = await db.prisma.message.findMany({ where: { role: 'assistant' } })
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }
    let costMicroUsd = 0
    let limitedModeAnswers = 0
    for (const row of rows) {
      usage.inputTokens += row.inputTokens ?? 0
      usage.outputTokens += row.outputTokens ?? 0
      usage.cacheReadTokens += row.cacheReadTokens ?? 0
      usage.cacheWriteTokens += row.cacheWriteTokens ?? 0
      costMicroUsd += row.costMicroUsd ?? 0
      if ((row.content as { limitedMode?: boolean } | null)?.limitedMode) limitedModeAnswers++
    }
    return {
      passed: problems.length === 0,
      problems,
      usage,
      costMicroUsd,
      limitedModeAnswers,
      ms: Math.round(performance.now() - started),
    }
  } finally {
    await db.close()
  }
}
