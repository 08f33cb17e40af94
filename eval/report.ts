/**
 * The evaluation's results: pass^1 and pass^k per conversation and overall (the mean over conversations, as
 * τ-bench reports it), tokens and estimated cost, and every failure with the line and what was wrong. As JSON for
 * machines and as Markdown or HTML for people.
 */
import { formatUsd } from '../src/agent/cost.ts'
import type { TokenUsage } from '../src/agent/types.ts'
import type { EvalConversation } from './conversations.ts'
import { passHatK } from './pass-k.ts'
import type { TrialResult } from './trial.ts'

export interface ConversationResult {
  id: string
  lines: number
  trials: TrialResult[]
  successes: number
  pass1: number
  passK: number
  usage: TokenUsage
  costMicroUsd: number
}

export interface EvalReport {
  startedAt: string
  finishedAt: string
  model: string
  /** True when no key was set and the scripted stand-in answered instead of Claude. */
  standIn: boolean
  k: number
  trials: number
  files: string[]
  overall: {
    conversations: number
    pass1: number
    passK: number
    usage: TokenUsage
    costMicroUsd: number
    costPerConversationMicroUsd: number
    limitedModeAnswers: number
  }
  conversations: ConversationResult[]
}

function addUsage(total: TokenUsage, usage: TokenUsage): TokenUsage {
  return {
    inputTokens: total.inputTokens + usage.inputTokens,
    outputTokens: total.outputTokens + usage.outputTokens,
    cacheReadTokens: total.cacheReadTokens + usage.cacheReadTokens,
    cacheWriteTokens: total.cacheWriteTokens + usage.cacheWriteTokens,
  }
}

const noUsage: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }

export function conversationResult(conversation: EvalConversation, trials: TrialResult[], k: number) {
  const successes = trials.filter((trial) => trial.passed).length
  return {
    id: conversation.id,
    lines: conversation.lines.length,
    trials,
    successes,
    pass1: passHatK(trials.length, successes, 1),
    passK: passHatK(trials.length, successes, k),
    usage: trials.reduce((total, trial) => addUsage(total, trial.usage), noUsage),
    costMicroUsd: trials.reduce((total, trial) => total + trial.costMicroUsd, 0),
  } satisfies ConversationResult
}

export function buildReport(
  meta: Omit<EvalReport, 'overall' | 'conversations' | 'finishedAt'>,
  conversations: ConversationResult[],
): EvalReport {
  const n = conversations.length || 1
  const usage = conversations.reduce((total, c) => addUsage(total, c.usage), noUsage)
  const costMicroUsd = conversations.reduce((total, c) => total + c.costMicroUsd, 0)
  return {
    ...meta,
    finishedAt: new Date().toISOString(),
    overall: {
      conversations: conversations.length,
      pass1: conversations.reduce((sum, c) => sum + c.pass1, 0) / n,
      passK: conversations.reduce((sum, c) => sum + c.passK, 0) / n,
      usage,
      costMicroUsd,
      costPerConversationMicroUsd: Math.round(costMicroUsd / (n * meta.trials)),
      limitedModeAnswers: conversations.reduce(
        (sum, c) => sum + c.trials.reduce((inner, trial) => inner + trial.limitedModeAnswers, 0),
        0,
      ),
    },
    conversations,
  }
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`
const tokens = (usage: TokenUsage) =>
  usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens + usage.outputTokens

function failureLines(report: EvalReport): string[] {
  return report.conversations.flatMap((c) =>
    c.trials.flatMap((trial, t) =>
      trial.problems.map((p) => `${c.id} · trial ${t + 1} · line ${p.line} (${p.said}): ${p.problems.join('; ')}`),
    ),
  )
}

/** The report as Markdown. */
export function reportMarkdown(report: EvalReport): string {
  const o = report.overall
  const who = report.standIn ? `the scripted stand-in (no ANTHROPIC_API_KEY), model id ${report.model}` : report.model
  const rows = report.conversations.map(
    (c) =>
      `| ${c.id} | ${c.lines} | ${c.successes}/${c.trials.length} | ${percent(c.pass1)} | ${percent(c.passK)} | ${tokens(c.usage)} | ${formatUsd(c.costMicroUsd)} |`,
  )
  const failures = failureLines(report)
  return [
    '# Layan evaluation',
    '',
    `Answered by ${who}. ${report.conversations.length} conversations from ${report.files.join(', ')}, ${report.trials} trials each; pass^k with k = ${report.k}. Started ${report.startedAt}, finished ${report.finishedAt}.`,
    '',
    '## Overall',
    '',
    `| pass^1 | pass^${report.k} | input tokens (uncached / cache read / cache write) | output tokens | estimated cost | per conversation trial | answers in limited mode |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| ${percent(o.pass1)} | ${percent(o.passK)} | ${o.usage.inputTokens} / ${o.usage.cacheReadTokens} / ${o.usage.cacheWriteTokens} | ${o.usage.outputTokens} | ${formatUsd(o.costMicroUsd)} | ${formatUsd(o.costPerConversationMicroUsd)} | ${o.limitedModeAnswers} |`,
    '',
    '## Per conversation',
    '',
    `| conversation | lines | passed | pass^1 | pass^${report.k} | tokens | estimated cost |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Failures',
    '',
    ...(failures.length > 0 ? failures.map((line) => `- ${line}`) : ['None.']),
    '',
  ].join('\n')
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** The report as a self-contained HTML page. */
export function reportHtml(report: EvalReport): string {
  const o = report.overall
  const cells = (values: (string | number)[], tag = 'td') =>
    `<tr>${values.map((v) => `<${tag}>${escapeHtml(String(v))}</${tag}>`).join('')}</tr>`
  const rows = report.conversations.map((c) =>
    cells([
      c.id,
      c.lines,
      `${c.successes}/${c.trials.length}`,
      percent(c.pass1),
      percent(c.passK),
      tokens(c.usage),
      formatUsd(c.costMicroUsd),
    ]),
  )
  const failures = failureLines(report)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Layan evaluation</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}</style>
</head><body>
<h1>Layan evaluation</h1>
<p>Answered by ${escapeHtml(report.standIn ? `the scripted stand-in (no ANTHROPIC_API_KEY), model id ${report.model}` : report.model)}. ${report.conversations.length} conversations, ${report.trials} trials each, k = ${report.k}.</p>
<h2>Overall</h2>
<table>${cells(['pass^1', `pass^${report.k}`, 'input tokens (uncached / read / write)', 'output tokens', 'estimated cost'], 'th')}${cells([percent(o.pass1), percent(o.passK), `${o.usage.inputTokens} / ${o.usage.cacheReadTokens} / ${o.usage.cacheWriteTokens}`, o.usage.outputTokens, formatUsd(o.costMicroUsd)])}</table>
<h2>Per conversation</h2>
<table>${cells(['conversation', 'lines', 'passed', 'pass^1', `pass^${report.k}`, 'tokens', 'estimated cost'], 'th')}${rows.join('')}</table>
<h2>Failures</h2>
${failures.length > 0 ? `<ul>${failures.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : '<p>None.</p>'}
</body></html>
`
}

/** A few lines for the terminal. */
export function reportSummary(report: EvalReport): string {
  const o = report.overall
  const width = Math.max(12, ...report.conversations.map((c) => c.id.length))
  const lines = report.conversations.map(
    (c) =>
      `${c.id.padEnd(width)}  pass^1 ${percent(c.pass1).padStart(7)}  pass^${report.k} ${percent(c.passK).padStart(7)}  ${String(tokens(c.usage)).padStart(8)} tokens  ${formatUsd(c.costMicroUsd)}`,
  )
  return [
    ...lines,
    '',
    `${'overall'.padEnd(width)}  pass^1 ${percent(o.pass1).padStart(7)}  pass^${report.k} ${percent(o.passK).padStart(7)}  ${String(tokens(o.usage)).padStart(8)} tokens  ${formatUsd(o.costMicroUsd)} (${formatUsd(o.costPerConversationMicroUsd)} per conversation trial)`,
  ].join('\n')
}
