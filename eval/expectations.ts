/**
 * Whether one answer meets a line's expectations (the acceptance format): the tool called and its input, the
 * words the reply must and must not hold, and the confirm/reject buttons. Returns what was wrong, or nothing.
 */
import type { JsonLineOut } from '../adapters/cli/json-mode.ts'
import type { Expectation } from './conversations.ts'

export function unmetExpectations(expect: Expectation, out: JsonLineOut): string[] {
  if ('error' in out) return [`error: ${out.error}`]
  const problems: string[] = []
  const text = out.replies.map((reply) => reply.text).join('\n')
  const lower = text.toLowerCase()
  if (expect.tool === null && out.tools.length > 0) {
    problems.push(`no tool expected, called ${out.tools.map((tool) => tool.name).join(', ')}`)
  }
  if (typeof expect.tool === 'string') {
    const call = out.tools.find((tool) => tool.name === expect.tool)
    if (!call)
      problems.push(`${expect.tool} not called (called: ${out.tools.map((tool) => tool.name).join(', ') || 'none'})`)
    for (const [key, value] of Object.entries(expect.input ?? {})) {
      const given = (call?.input as Record<string, unknown> | undefined)?.[key]
      if (call && JSON.stringify(given) !== JSON.stringify(value)) {
        problems.push(`${expect.tool}.${key} was ${JSON.stringify(given)}, expected ${JSON.stringify(value)}`)
      }
    }
  }
  for (const part of expect.reply ?? []) if (!lower.includes(part.toLowerCase())) problems.push(`reply lacks "${part}"`)
  for (const part of expect.notReply ?? []) if (lower.includes(part.toLowerCase())) problems.push(`reply has "${part}"`)
  const offered = out.replies.flatMap((reply) => reply.buttons.map((button) => button.action)).sort()
  if (expect.buttons === true && JSON.stringify(offered) !== JSON.stringify(['confirm', 'reject'])) {
    problems.push(`confirm/reject buttons expected, got ${JSON.stringify(offered)}`)
  }
  if (expect.buttons === false && offered.length > 0)
    problems.push(`no buttons expected, got ${JSON.stringify(offered)}`)
  return problems
}
