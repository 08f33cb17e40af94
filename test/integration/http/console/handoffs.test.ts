/**
 * Hand-offs through the console, end to end on the real core (rule agent), outbox and web chat: a web customer asks
 * for a person, the conversation waits in the inbox, staff answer (the answer reaches the web chat's live sender and
 * stays in the conversation), the bot stays silent while staff hold it, closing asks for a rating that the customer
 * gives with a button, and a hand-off nobody answers goes back to the bot with a notice. Telegram hand-offs queue
 * their answers for the Telegram sender.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../../src/db/client.ts'
import { createConsoleEvents } from '../../../../src/services/console/events.ts'
import {
  buildConsoleServer,
  type ConsoleServer,
  type ConsoleSession,
  signIn,
  staffEmail,
  webVisitor,
} from '../../../helpers/console.ts'
import { createTestDatabase, testDbKinds } from '../../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../../helpers/http.ts'

describe.each(testDbKinds)('console hand-offs (%s)', (kind) => {
  let db: Database
  let server: ConsoleServer
  let staff: ConsoleSession
  let clock: Date
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    clock = new Date()
    server = await buildConsoleServer(db, { now: () => clock })
    staff = await signIn(server.app, staffEmail)
  }, firstDatabaseTimeoutMs)
  afterEach(async () => {
    await server.app.close()
    await db.close()
  })

  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    server.app.inject({
      method,
      url: `/console/api${url}`,
      cookies: staff.cookies,
      headers: staff.headers,
      ...(payload ? { payload } : {}),
    })
  const list = async (query: string) =>
    (await api('GET', `/conversations?${query}`)).json().conversations as {
      id: string
      channel: string
      status: string
      waitingSeconds: number | null
    }[]

  it('shows a waiting write by its action and order, never its arguments (a new address, a refund account)', async () => {
    const visitor = await webVisitor(server.app)
    expect((await visitor.say('verifikasi ORD-2025-005 5432')).join(' ')).toContain('Siti Rahma')
    const asked = await visitor.say('tolong ganti alamat ORD-2025-005 ke Jl. Kenanga Rahasia No. 9, Bandung 40115')
    expect(asked.join(' ')).toContain('Kenanga Rahasia')
    const [conversation] = await list('channel=web')
    const view = (await api('GET', `/conversations/${conversation?.id}`)).json()
    expect(view.pendingActions).toEqual([
      expect.objectContaining({ action: 'update_shipping_address', orderNumber: 'ORD-2025-005' }),
    ])
    expect(JSON.stringify(view.pendingActions)).not.toContain('Kenanga')
  })

  it('a web hand-off is answered, held, closed and rated', async () => {
    const visitor = await webVisitor(server.app)
    await visitor.say('Halo, stok Kaos Basic Crewneck ukuran M ada?')
    const asked = await visitor.say('Saya mau bicara dengan CS')
    expect(asked.join(' ')).toMatch(/staf|CS/i)

    clock = new Date(clock.getTime() + 90_000)
    const waiting = await list('status=waiting')
    expect(waiting).toHaveLength(1)
    const [conversation] = waiting
    expect(conversation?.channel).toBe('web')
    expect(conversation?.waitingSeconds).toBeGreaterThanOrEqual(89)
    const id = conversation?.id as string
    expect((await list('status=bot')).map((c) => c.id)).not.toContain(id)

    const sent = await api('POST', `/conversations/${id}/reply`, {
      text: 'Halo kak, saya Rina dari tim CS. Saya bantu ya.',
    })
    expect(sent.statusCode).toBe(200)
    expect(sent.json()).toEqual({ ok: true })
    expect((await list('status=staff')).map((c) => c.id)).toEqual([id])
    // The outbox delivers it through the web chat's sender (the browser test watches the open page get it).
    expect((await server.outbox.runOnce()).sent).toBe(1)
    expect((await server.app.inject({ method: 'GET', url: '/api/chat/live' })).statusCode).toBe(401)

    const view = (await api('GET', `/conversations/${id}`)).json()
    const admin = view.messages.filter((m: { role: string }) => m.role === 'admin')
    expect(admin.map((m: { text: string }) => m.text)).toEqual(['Halo kak, saya Rina dari tim CS. Saya bantu ya.'])
    expect(view.handoffs[0].assignee).toBe(`console:${staffEmail}`)

    // The bot stays silent while staff hold the conversation.
    const held = await visitor.say('Apakah Kaos Basic Crewneck ukuran M masih ada?')
    expect(held.join(' ')).not.toMatch(/Kaos Basic Crewneck/)
    expect(held.join(' ')).toMatch(/CS/)

    const closed = await api('POST', `/conversations/${id}/close`)
    expect(closed.statusCode).toBe(200)
    // The rating question, and the staff notice of what the customer wrote while staff held the conversation
    // (the console is where staff hear of it here).
    expect((await server.outbox.runOnce()).sent).toBe(2)
    const rating = await db.prisma.message.findFirstOrThrow({
      where: { conversationId: id, role: 'admin', content: { path: ['kind'], equals: 'rating_request' } },
    })
    const buttons = (rating.content as { buttons: { action: { token: string } }[] }).buttons
    expect(buttons).toHaveLength(5)
    const five = buttons[4]?.action.token as string
    expect(five).toMatch(/^rate:.+:5$/)
    expect((await list('status=closed')).map((c) => c.id)).toEqual([id])

    const thanks = await visitor.press(five)
    expect(thanks.join(' ')).toMatch(/5\/5/)
    const handoff = await db.prisma.handoff.findFirstOrThrow({ where: { conversationId: id } })
    expect(handoff.rating).toBe(5)
    expect(await visitor.press(five)).toEqual([expect.stringMatching(/sudah kami terima/)])

    // Back with the bot.
    const after = await visitor.say('Apakah Kaos Basic Crewneck ukuran M masih ada?')
    expect(after.join(' ')).toMatch(/Kaos Basic Crewneck/)

    const actions = (await db.prisma.auditLog.findMany({ where: { actor: `console:${staffEmail}` } })).map(
      (a) => a.action,
    )
    expect(actions).toEqual(expect.arrayContaining(['console_handoff_claimed', 'handoff_reply', 'handoff_closed']))
  })

  it('tells listeners when a customer writes on any channel (the live inbox)', async () => {
    const events = createConsoleEvents({ prisma: db.prisma, pollMs: 50 })
    const seen: string[] = []
    const stop = events.subscribe((event) => {
      seen.push(event.type)
    })
    try {
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(seen).toEqual([])
      const visitor = await webVisitor(server.app)
      await visitor.say('Saya mau bicara dengan CS')
      await expect.poll(() => seen.length, { timeout: 5000 }).toBeGreaterThan(0)
    } finally {
      stop()
    }
  })

  it('another staff member cannot answer a conversation someone holds', async () => {
    const visitor = await webVisitor(server.app)
    await visitor.say('Saya mau bicara dengan CS')
    const [conversation] = await list('status=waiting')
    const id = conversation?.id as string
    expect((await api('POST', `/conversations/${id}/claim`)).statusCode).toBe(200)
    await server.console.accounts.add({
      email: 'dewi@urbanstyle.test',
      password: 'another-long-pass',
      role: 'staff',
      actor: 'test',
    })
    const dewi = await signIn(server.app, 'dewi@urbanstyle.test', 'another-long-pass')
    const res = await server.app.inject({
      method: 'POST',
      url: `/console/api/conversations/${id}/reply`,
      cookies: dewi.cookies,
      headers: dewi.headers,
      payload: { text: 'Saya juga bantu' },
    })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('held_by_other')
    expect(await db.prisma.message.count({ where: { conversationId: id, role: 'admin' } })).toBe(0)
  })

  it('a hand-off nobody answers goes back to the bot with an honest notice', async () => {
    const visitor = await webVisitor(server.app)
    await visitor.say('Saya mau bicara dengan CS')
    const [conversation] = await list('status=waiting')
    const id = conversation?.id as string
    expect(await server.staff.desk.returnUnanswered(30)).toBe(0)
    clock = new Date(clock.getTime() + 31 * 60_000)
    expect(await server.staff.desk.returnUnanswered(30)).toBe(1)
    expect((await server.outbox.runOnce()).sent).toBe(1)
    const notice = await db.prisma.message.findFirstOrThrow({ where: { conversationId: id, role: 'admin' } })
    expect(notice.text).toMatch(/belum ada staf/)
    expect((await list('status=waiting')).map((c) => c.id)).not.toContain(id)
    const after = await visitor.say('Apakah Kaos Basic Crewneck ukuran M masih ada?')
    expect(after.join(' ')).toMatch(/Kaos Basic Crewneck/)
    expect((await db.prisma.handoff.findFirstOrThrow({ where: { conversationId: id } })).rating).toBeNull()
  })

  it('an answered hand-off does not time out', async () => {
    const visitor = await webVisitor(server.app)
    await visitor.say('Saya mau bicara dengan CS')
    const [conversation] = await list('status=waiting')
    await api('POST', `/conversations/${conversation?.id}/reply`, { text: 'Sebentar ya kak' })
    clock = new Date(clock.getTime() + 120 * 60_000)
    expect(await server.staff.desk.returnUnanswered(30)).toBe(0)
  })

  it("queues a Telegram customer's answer for the Telegram sender, and finds conversations by phone and order number", async () => {
    const customer = await db.prisma.customer.findFirstOrThrow({
      include: { orders: true },
      where: { orders: { some: {} } },
    })
    const identity = await db.prisma.channelIdentity.create({
      data: { channel: 'telegram', externalUserId: '777001', externalChatId: '777001', customerId: customer.id },
    })
    const conversation = await db.prisma.conversation.create({
      data: { channel: 'telegram', externalChatId: '777001', identityId: identity.id, customerId: customer.id },
    })
    await db.prisma.message.create({ data: { conversationId: conversation.id, role: 'user', text: 'tolong CS' } })
    await server.handoffs.open({ conversationId: conversation.id, customerId: customer.id, reason: 'customer_asked' })

    const digits = (customer.phoneNumber ?? '').replace(/^\+62/, '0').slice(0, 8)
    expect((await list(`q=${encodeURIComponent(digits)}`)).map((c) => c.id)).toContain(conversation.id)
    const order = customer.orders[0]?.orderNumber as string
    expect((await list(`q=${order}`)).map((c) => c.id)).toContain(conversation.id)
    expect((await list('channel=telegram&status=waiting')).map((c) => c.id)).toEqual([conversation.id])
    expect(await list('q=zzz-nothing-matches')).toEqual([])

    expect((await api('POST', `/conversations/${conversation.id}/reply`, { text: 'Halo kak' })).statusCode).toBe(200)
    const queued = await db.prisma.notification.findFirstOrThrow({ where: { kind: 'handoff_reply' } })
    expect(queued.payload).toMatchObject({ channel: 'telegram', externalChatId: '777001', text: 'Halo kak' })
  })
})
