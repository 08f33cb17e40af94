/**
 * Every stop reason of the Messages API, through the real core: truncated or refused text is never sent, a
 * retry is made where it helps, the honest fallback answers otherwise, and each is logged at warn with the
 * conversation id.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { messages } from '../../../src/i18n/messages.ts'
import type { Logger } from '../../../src/logger.ts'
import { type ClaudeCore, claudeCore, say, useAnthropicServer, verifiedSender } from '../../helpers/claude.ts'
import { capturingLogger, newUser } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { type FakeStopReason, textResponse, toolUseResponse } from '../../msw/anthropic.ts'

const anthropic = useAnthropicServer()

const cut = 'Pesanan ORD-2025-001 sedang dalam perjalanan dan diperkirakan tiba pada tang'
const limited = messages.id['claude.limitedMode']

describe.each(testDbKinds)('Claude stop reasons (%s)', (kind) => {
  let db: Database
  let built: ClaudeCore
  let adi: string
  let lines: Record<string, unknown>[]
  let log: Logger

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    ;({ log, lines } = capturingLogger())
    built = claudeCore(db, log)
    adi = await verifiedSender(built, newUser('adi'))
  })
  afterEach(async () => {
    await db.close()
  })

  /** The conversation ids of the warn lines about `stopReason`. */
  function warnedAbout(stopReason: string) {
    return lines
      .filter((line) => line.level === 40 && line.stopReason === stopReason)
      .map((line) => line.conversationId)
  }

  it('max_tokens: asks once more with twice the room and sends only the complete answer', async () => {
    anthropic.script(
      textResponse(cut, { stopReason: 'max_tokens' }),
      textResponse('Pesanan ORD-2025-001 sedang dalam perjalanan dengan JNE.'),
    )

    const trace = await say(built, adi, 'ORD-2025-001 sampai mana?')

    expect(trace.replies).toEqual([{ text: 'Pesanan ORD-2025-001 sedang dalam perjalanan dengan JNE.' }])
    expect(anthropic.requests.map((request) => request.max_tokens)).toEqual([1024, 2048])
    expect(warnedAbout('max_tokens')).toEqual([trace.conversationId])
  })

  it('max_tokens twice, or with a tool call cut off: runs no tool and lets the rule agent answer', async () => {
    // A tool call cut off by max_tokens (its input may be incomplete) is never run; the retry is cut too.
    anthropic.script(
      toolUseResponse([{ name: 'cancel_order', input: { orderNumber: 'ORD-2025-002' } }], { stopReason: 'max_tokens' }),
      textResponse(cut, { stopReason: 'max_tokens' }),
    )

    const trace = await say(built, adi, 'status ORD-2025-001?')

    expect(trace.tools.map((tool) => tool.name)).toEqual(['track_order'])
    expect(await db.prisma.pendingAction.count()).toBe(0)
    expect(trace.replies[0]?.text.startsWith(limited)).toBe(true)
    expect(trace.replies[0]?.text).toContain('JNE123456789')
    expect(JSON.stringify(trace.replies)).not.toContain('tiba pada tang')
    expect(warnedAbout('max_tokens')).toEqual([trace.conversationId, trace.conversationId])
  })

  it('refusal: the refusal text is never shown; an honest answer offers the team', async () => {
    anthropic.script(textResponse('I cannot help with th', { stopReason: 'refusal' }))

    const trace = await say(built, adi, 'halo kak, bisa bantu?')

    expect(trace.replies).toEqual([{ text: messages.id['claude.noAnswer'] }])
    expect(anthropic.requests).toHaveLength(1)
    expect(warnedAbout('refusal')).toEqual([trace.conversationId])
  })

  it('pause_turn: sends the paused turn back and carries on to the answer', async () => {
    anthropic.script(
      textResponse('Sebentar ya kak, saya', { stopReason: 'pause_turn' }),
      textResponse('Jam buka kami setiap hari 08.00–21.00 WIB.'),
    )

    const trace = await say(built, adi, 'jam buka toko?')

    expect(trace.replies).toEqual([{ text: 'Jam buka kami setiap hari 08.00–21.00 WIB.' }])
    expect(anthropic.requests[1]?.messages.at(-1)).toMatchObject({
      role: 'assistant',
      content: [{ type: 'text', text: 'Sebentar ya kak, saya' }],
    })
    expect(warnedAbout('pause_turn')).toEqual([trace.conversationId])
  })

  it('model_context_window_exceeded: retries once with a quarter of the history, then falls back', async () => {
    for (let i = 0; i < 6; i++) {
      anthropic.script(textResponse(`jawaban ${i} ${'panjang sekali '.repeat(40)}`))
      await say(built, adi, `pertanyaan ${i} ${'tentang produk '.repeat(40)}`)
    }
    anthropic.reset()
    anthropic.script(
      textResponse('', { stopReason: 'model_context_window_exceeded' }),
      textResponse('Baik kak, kaos tersedia.'),
    )

    const trace = await say(built, adi, 'kaos ada?')

    expect(trace.replies).toEqual([{ text: 'Baik kak, kaos tersedia.' }])
    const [before, after] = anthropic.requests.map((request) => request.messages.length)
    expect(after).toBeLessThan(before!)
    expect(warnedAbout('model_context_window_exceeded')).toEqual([trace.conversationId])
  })

  it.each<FakeStopReason>(['stop_sequence', 'model_context_window_exceeded'])(
    '%s that will not go away: the rule agent answers, the cut text is not sent',
    async (stopReason) => {
      anthropic.always(textResponse(cut, { stopReason }))

      const trace = await say(built, adi, 'ORD-2025-001 sampai mana?')

      expect(trace.replies[0]?.text.startsWith(limited)).toBe(true)
      expect(trace.replies[0]?.text).toContain('JNE123456789')
      expect(JSON.stringify(trace.replies)).not.toContain('tiba pada tang')
      expect(warnedAbout(stopReason)).toContain(trace.conversationId)
    },
  )
})
