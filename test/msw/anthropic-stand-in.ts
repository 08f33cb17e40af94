/**
 * A stand-in for Claude behind the fake Messages API: it answers any conversation sensibly without a key, so the
 * Claude path (request layout, tool loop, masking, caching, replies) runs end to end in tests, the bench and
 * `npm run eval` with no network. It reads the request the way a model would:
 *
 * - the newest customer message (after the system's note) goes through the rule agent's understanding of
 *   requests; the tools it would call come back as one turn of `tool_use` blocks, in parallel;
 * - tool results come back as text written by each tool's own renderer from the JSON the model was sent;
 * - anything the rule agent answers without a tool (a question back, an FAQ answer) is the text answer.
 *
 * It sees only what the real model would see: masked placeholders, WIB timestamps, the history in the request.
 */
import { loadKnowledgeBase } from '../../src/agent/knowledge.ts'
import { createRuleAgent } from '../../src/agent/rules.ts'
import type { AgentTurn, ToolInvocation } from '../../src/agent/types.ts'
import type { Locale } from '../../src/core/types.ts'
import { silentLogger } from '../../src/logger.ts'
import { tools } from '../../tools/index.ts'
import type { ToolResult } from '../../tools/types.ts'
import type { RecordedBlock, RecordedRequest, ScriptedResponse } from './anthropic.ts'
import { textResponse, toolUseResponse } from './anthropic.ts'

const notePrefix = '[Context from the system'

function blocksOf(content: string | RecordedBlock[]): RecordedBlock[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content
}

function textOf(blocks: RecordedBlock[]): string {
  return blocks
    .flatMap((block) => (block.type === 'text' && !block.text.startsWith(notePrefix) ? [block.text] : []))
    .join('\n\n')
}

function noteOf(blocks: RecordedBlock[]): string {
  for (const block of blocks) if (block.type === 'text' && block.text.startsWith(notePrefix)) return block.text
  return ''
}

let callCounter = 0

/** Creates the stand-in responder for `createAnthropicFake({ responder })`. */
export function createStandInModel(): (body: RecordedRequest) => Promise<ScriptedResponse> {
  const rules = createRuleAgent({ knowledge: loadKnowledgeBase() })
  const log = silentLogger()

  return async (body) => {
    const messages = body.messages
    const last = messages.at(-1)
    if (!last) return textResponse('Halo kak, ada yang bisa dibantu?')
    const lastBlocks = blocksOf(last.content)
    const withNote = messages.findLast((m) => m.role === 'user' && noteOf(blocksOf(m.content)) !== '')
    const note = noteOf(blocksOf(withNote?.content ?? []))
    const locale: Locale = /Language detected in the message: English/.test(note) ? 'en' : 'id'

    const results = lastBlocks.filter((block) => block.type === 'tool_result')
    if (results.length > 0) {
      // Each tool's result, written out by the tool's own renderer.
      const asked = blocksOf(messages.at(-2)?.content ?? []).filter((block) => block.type === 'tool_use')
      const texts = results.map((result) => {
        const use = asked.find((block) => block.id === result.tool_use_id)
        const tool = use ? tools.find((tool) => tool.name === use.name) : undefined
        if (!tool) return ''
        const parsed = JSON.parse(result.content) as ToolResult
        return tool.render(parsed, locale).text
      })
      return textResponse(texts.filter(Boolean).join('\n\n'))
    }

    const history: AgentTurn[] = messages.slice(0, -1).map((message) => ({
      role: message.role,
      text: textOf(blocksOf(message.content)),
    }))
    const calls: { name: string; input: unknown }[] = []
    const answer = await rules.respond({
      text: textOf(lastBlocks),
      locale,
      history,
      verified: /verified customer:/.test(note),
      lastOrderNumber: /Order last talked about in this conversation: (\S+?)\.?$/m.exec(note)?.[1] ?? null,
      shopName: 'UrbanStyle ID',
      now: new Date(),
      log,
      async callTool(name, input): Promise<ToolInvocation> {
        calls.push({ name, input })
        return { name, input, ok: true, result: null, reply: { text: '' } }
      },
    })
    if (calls.length > 0) {
      return toolUseResponse(calls.map((call) => ({ ...call, id: `toolu_standin_${++callCounter}` })))
    }
    return textResponse(answer.replies.map((reply) => reply.text).join('\n\n'))
  }
}
