/**
 * What the customer reads never contradicts what happened (issue: "Pesanan ORD-2025-002 sudah saya batalkan"
 * over the confirmation buttons while the order was still PENDING). Through the real core, tools and database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { type ClaudeCore, claudeCore, say, useAnthropicServer, verifiedSender } from '../../helpers/claude.ts'
import { inbound, newUser } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { type RecordedBlock, textResponse, toolUseResponse } from '../../msw/anthropic.ts'

const anthropic = useAnthropicServer()

const cancel002 = { name: 'cancel_order', input: { orderNumber: 'ORD-2025-002' } }
const falseClaim = 'Pesanan ORD-2025-002 sudah saya batalkan ya kak.'

function lastToolResults(index: number) {
  const content = anthropic.requests[index]?.messages.at(-1)?.content as RecordedBlock[]
  return content.filter((block) => block.type === 'tool_result')
}

describe.each(testDbKinds)('Claude replies tell the truth (%s)', (kind) => {
  let db: Database
  let built: ClaudeCore
  let adi: string

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    built = claudeCore(db, silentLogger())
    adi = await verifiedSender(built, newUser('adi'))
  })
  afterEach(async () => {
    await db.close()
  })

  const pendingActions = () => db.prisma.pendingAction.findMany({ orderBy: { createdAt: 'asc' } })
  const orderStatus = async (orderNumber: string) =>
    (await db.prisma.order.findUniqueOrThrow({ where: { orderNumber } })).status

  it('stages no cancel when the customer only asked why the order has not shipped', async () => {
    anthropic.script(
      toolUseResponse([cancel002]),
      textResponse('Pesanan ORD-2025-002 masih menunggu pembayaran, jadi belum dikirim ya kak.'),
    )

    const trace = await say(built, adi, 'kok ORD-2025-002 belum dikirim?')

    expect(await pendingActions()).toEqual([])
    expect(trace.replies.flatMap((reply) => reply.buttons ?? [])).toEqual([])
    const [result] = lastToolResults(1)
    expect(result?.is_error).toBe(true)
    expect(JSON.parse(result!.content)).toMatchObject({ ok: false, error: { code: 'not_requested' } })
    expect(trace.tools).toMatchObject([{ name: 'cancel_order', ok: false, errorCode: 'not_requested' }])
    expect(await orderStatus('ORD-2025-002')).toBe('PENDING')
  })

  it("shows the tool's own confirmation and buttons, never the model's claim that it is done", async () => {
    anthropic.script(toolUseResponse([cancel002]), textResponse(falseClaim))

    const trace = await say(built, adi, 'tolong batalkan pesanan ORD-2025-002')

    expect(trace.replies).toHaveLength(1)
    const [reply] = trace.replies
    expect(reply?.text).not.toContain('sudah saya batalkan')
    expect(reply?.text).toContain('ORD-2025-002')
    expect(reply?.text).toContain('Rp264.000')
    expect(reply?.buttons?.map((button) => button.label)).toEqual(['Ya, batalkan', 'Tidak'])
    expect(await orderStatus('ORD-2025-002')).toBe('PENDING')
    // The stored answer is what the customer saw.
    const stored = await db.prisma.message.findFirst({ where: { role: 'assistant' }, orderBy: { createdAt: 'desc' } })
    expect(stored?.text).not.toContain('sudah saya batalkan')

    // Only the customer's press cancels.
    const action = reply?.buttons?.[0]?.action
    if (!action || 'url' in action) throw new Error('no confirm button')
    const pressed = await built.core.handle(inbound(adi, '', { action }))
    expect(pressed[0]?.text).toMatch(/dibatalkan/)
    expect(await orderStatus('ORD-2025-002')).toBe('CANCELLED')
  })

  it("keeps the model's other answers in a turn that also staged a cancel, without its claim", async () => {
    anthropic.script(
      toolUseResponse([{ name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }, cancel002]),
      textResponse(`Pesanan ORD-2025-001 sedang dalam perjalanan dengan JNE.\n${falseClaim}`),
    )

    const trace = await say(built, adi, 'ORD-2025-001 sampai mana? dan batalkan ORD-2025-002 ya')

    expect(trace.replies).toHaveLength(2)
    expect(trace.replies[0]?.text).toBe('Pesanan ORD-2025-001 sedang dalam perjalanan dengan JNE.')
    expect(trace.replies[1]?.buttons?.map((button) => button.action)).toMatchObject([
      { kind: 'confirm' },
      { kind: 'reject' },
    ])
    expect(JSON.stringify(trace.replies)).not.toContain('sudah saya batalkan')
  })

  it('still shows the staged cancel when the model ends with no text, or at the tool-round limit', async () => {
    anthropic.script(toolUseResponse([cancel002]), textResponse(''))
    const empty = await say(built, adi, 'batalkan ORD-2025-002')
    expect(empty.replies[0]?.buttons).toHaveLength(2)

    built = claudeCore(db, silentLogger())
    const other = await verifiedSender(built, newUser('adi2'))
    anthropic.always(toolUseResponse([cancel002]))
    const limited = await say(built, other, 'batalkan ORD-2025-002')
    expect(limited.replies).toHaveLength(1)
    expect(limited.replies[0]?.buttons).toHaveLength(2)
    expect(limited.replies[0]?.text).toContain('ORD-2025-002')
    // Seven rounds asked for the same cancel: one pending action in that conversation.
    const rows = await db.prisma.pendingAction.findMany({ where: { usedAt: null } })
    expect(rows.map((row) => row.conversationId).filter((id) => id === limited.conversationId)).toHaveLength(1)
  })

  it('keeps one pending action per order and conversation: asked again, the same buttons come back', async () => {
    anthropic.script(toolUseResponse([cancel002, cancel002]), textResponse('Silakan konfirmasi ya kak.'))
    const first = await say(built, adi, 'batalkan ORD-2025-002')
    anthropic.script(toolUseResponse([cancel002]), textResponse('Silakan konfirmasi ya kak.'))
    const again = await say(built, adi, 'iya batalkan saja ORD-2025-002')

    const rows = await pendingActions()
    expect(rows).toHaveLength(1)
    expect(first.replies.flatMap((reply) => reply.buttons ?? [])).toHaveLength(2)
    expect(again.replies[0]?.buttons).toEqual(first.replies[0]?.buttons)
    expect(first.replies[0]?.buttons?.[0]?.action).toMatchObject({ token: rows[0]?.token })
  })

  it('replaces an earlier address change for the same order instead of keeping two', async () => {
    const change = (address: string) =>
      toolUseResponse([
        { name: 'update_shipping_address', input: { orderNumber: 'ORD-2025-002', newAddress: address } },
      ])
    anthropic.script(change('Jl. Melati No. 5, Bandung 40111'), textResponse('Silakan konfirmasi.'))
    await say(built, adi, 'ganti alamat ORD-2025-002 ke Jl. Melati No. 5, Bandung 40111')
    anthropic.script(change('Jl. Mawar No. 9, Bandung 40112'), textResponse('Silakan konfirmasi.'))
    const second = await say(built, adi, 'eh salah, ubah alamatnya ke Jl. Mawar No. 9, Bandung 40112')

    const rows = await pendingActions()
    expect(rows.map((row) => [row.usedAt === null, row.outcome])).toEqual([
      [false, 'superseded'],
      [true, null],
    ])
    expect(second.replies[0]?.text).toContain('Jl. Mawar No. 9')
  })

  it('lets the customer name the order in the next message after asking to cancel', async () => {
    anthropic.script(textResponse('Pesanan yang mana yang mau dibatalkan kak?'))
    await say(built, adi, 'saya mau batalin pesanan')
    anthropic.script(toolUseResponse([cancel002]), textResponse('Silakan konfirmasi.'))

    const trace = await say(built, adi, 'ORD-2025-002')

    expect(trace.tools).toMatchObject([{ name: 'cancel_order', ok: true }])
    expect(trace.replies[0]?.buttons).toHaveLength(2)
  })

  it('carries a request over one message only while its answer staged nothing, whatever link buttons it had', async () => {
    anthropic.script(
      toolUseResponse([{ name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }]),
      textResponse('ORD-2025-001 sedang dikirim. Pesanan mana yang mau dibatalkan kak?'),
    )
    const asked = await say(built, adi, 'cek ORD-2025-001, terus aku mau batalin pesanan')
    expect(asked.replies[0]?.buttons?.map((button) => 'url' in button.action)).toEqual([true])
    anthropic.script(toolUseResponse([cancel002]), textResponse('Silakan konfirmasi.'))
    const staged = await say(built, adi, 'ORD-2025-002')
    expect(staged.tools).toMatchObject([{ name: 'cancel_order', ok: true }])

    // The cancel is staged already: the order number again asks for nothing new.
    anthropic.script(toolUseResponse([cancel002]), textResponse('Tombolnya ada di atas ya kak.'))
    const again = await say(built, adi, 'ORD-2025-002')
    expect(again.tools).toMatchObject([{ name: 'cancel_order', ok: false, errorCode: 'not_requested' }])
    expect(await pendingActions()).toHaveLength(1)
  })
})
