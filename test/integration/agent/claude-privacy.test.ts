/**
 * Less personal data to the model, through the real core, tools and database: verification exchanges stay out of
 * its history, phone numbers and emails in customers' text reach it only as placeholders (and come back whole in
 * the writes), the profile tool masks email and phone, and it reads dates and times in WIB.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { type ClaudeCore, claudeCore, say, useAnthropicServer, verifiedSender } from '../../helpers/claude.ts'
import { newUser } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { type RecordedBlock, type RecordedRequest, textResponse, toolUseResponse } from '../../msw/anthropic.ts'

const anthropic = useAnthropicServer()

const sent = (request: RecordedRequest | undefined) => JSON.stringify(request?.messages ?? [])

function toolResultOf(request: RecordedRequest | undefined): unknown {
  const blocks = request?.messages.at(-1)?.content as RecordedBlock[]
  const result = blocks.find((block) => block.type === 'tool_result')
  if (result?.type !== 'tool_result') throw new Error('no tool result')
  return JSON.parse(result.content)
}

describe.each(testDbKinds)('Claude sees less personal data (%s)', (kind) => {
  let db: Database
  let built: ClaudeCore
  // 2026-12-07 07:05 UTC is 14:05 in Jakarta.
  const clock = new Date('2026-12-07T07:05:00Z')

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    built = claudeCore(db, silentLogger(), {}, { now: () => clock })
  })
  afterEach(async () => {
    await db.close()
  })

  it('keeps the verification command and its answer out of the history the model reads', async () => {
    const user = newUser('web')
    anthropic.script(textResponse('Halo kak, ada yang bisa dibantu?'))
    await say(built, user, 'halo')
    const verified = await say(built, user, 'verifikasi ORD-2025-001 7890')
    expect(verified.replies[0]?.text).toContain('Adi')
    expect(anthropic.requests).toHaveLength(1)
    anthropic.script(textResponse('Baik kak.'))

    await say(built, user, 'terima kasih')

    const request = anthropic.requests[1]
    expect(sent(request)).not.toContain('7890')
    expect(sent(request)).not.toMatch(/verifikasi/i)
    expect(sent(request)).not.toContain('Adi Mulyana')
    expect(request?.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user'])
    expect(sent(request)).toMatch(/The sender is a verified customer/)
  })

  it('masks phone numbers and emails in what the customer writes, and restores them in the staged write', async () => {
    const adi = await verifiedSender(built, newUser('adi'))
    const text =
      'ganti alamat ORD-2025-002 ke Jl. Melati No. 5, Bandung 40111 (HP penerima 0812-9999-8888), email saya adi.m@mail.com'
    anthropic.script(
      toolUseResponse([
        {
          name: 'update_shipping_address',
          input: { orderNumber: 'ORD-2025-002', newAddress: 'Jl. Melati No. 5, Bandung 40111 (HP penerima [phone-1])' },
        },
      ]),
      textResponse('Silakan konfirmasi alamat barunya ya kak.'),
    )

    const trace = await say(built, adi, text)

    const first = sent(anthropic.requests[0])
    expect(first).toContain('[phone-1]')
    expect(first).toContain('[email-1]')
    for (const secret of ['0812-9999-8888', '81299998888', 'adi.m@mail.com']) {
      expect(JSON.stringify(anthropic.requests)).not.toContain(secret)
    }
    const [pending] = await db.prisma.pendingAction.findMany()
    expect(pending?.args).toMatchObject({ newAddress: 'Jl. Melati No. 5, Bandung 40111 (HP penerima 0812-9999-8888)' })
    expect(trace.replies[0]?.text).toContain('0812-9999-8888')
    // The history keeps the same placeholders, so the next message's cached prefix is unchanged.
    anthropic.script(textResponse('Sama-sama kak.'))
    await say(built, adi, 'makasih')
    expect(sent(anthropic.requests[2])).toContain('(HP penerima [phone-1]), email saya [email-1]')
  })

  it("returns the profile with the customer's email and phone masked", async () => {
    const adi = await verifiedSender(built, newUser('adi'))
    anthropic.script(toolUseResponse([{ name: 'get_customer_profile', input: {} }]), textResponse('Ini profil kakak.'))

    await say(built, adi, 'lihat data akun saya')

    const result = toolResultOf(anthropic.requests[1])
    expect(result).toMatchObject({
      ok: true,
      data: { maskedEmail: 'a***@example.com', maskedPhone: '+62812****7890' },
    })
    expect(JSON.stringify(result)).not.toContain('adi@example.com')
    expect(JSON.stringify(result)).not.toContain('81234567890')
  })

  it("tells the model today's date and time in WIB, and gives tool times in WIB", async () => {
    const adi = await verifiedSender(built, newUser('adi'))
    anthropic.script(
      toolUseResponse([{ name: 'verify_payment', input: { orderNumber: 'ORD-2025-001' } }]),
      textResponse('Sudah dibayar kak.'),
    )

    await say(built, adi, 'ORD-2025-001 sudah dibayar?')

    expect(sent(anthropic.requests[0])).toContain('Now: Monday, 7 December 2026 at 14:05 WIB')
    // Paid 2025-11-20 15:30 WIB, stored as 08:30 UTC.
    expect(toolResultOf(anthropic.requests[1])).toMatchObject({ data: { paidAt: '2025-11-20T15:30:00+07:00' } })
    expect(sent(anthropic.requests[1])).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/)
  })
})
