/**
 * The rule agent's decisions: which tool it calls with which input, and what it says itself. Tools are a
 * recording fake here (this tests the agent, not the tools); the real tools are exercised by the core's
 * integration tests and the end-to-end acceptance run.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadKnowledgeBase } from '../../../src/agent/knowledge.ts'
import { detectLocale } from '../../../src/agent/language.ts'
import { createRuleAgent } from '../../../src/agent/rules.ts'
import {
  type AgentContext,
  type AgentState,
  type AgentTurn,
  handoffOfferToken,
  type ToolInvocation,
} from '../../../src/agent/types.ts'
import type { Locale, Reply } from '../../../src/core/types.ts'
import { demoProducts } from '../../../src/db/demo-shop.ts'
import { t } from '../../../src/i18n/messages.ts'
import { silentLogger } from '../../../src/logger.ts'
import { searchProductList } from '../../../src/services/product-search.ts'

const knowledge = loadKnowledgeBase()
const catalog = demoProducts.map((p) => ({
  id: p.id,
  name: p.name,
  nameEn: p.nameEn,
  category: p.category,
  price: p.price,
  sizes: Object.keys(p.stock),
}))

interface Call {
  name: string
  input: unknown
}

/** A canned tool reply that names the call, with buttons for the two writes (as the real tools do). */
function cannedReply(name: string, input: unknown): Reply {
  const reply: Reply = { text: `[${name}] ${JSON.stringify(input)}` }
  if (name === 'cancel_order' || name === 'update_shipping_address') {
    reply.buttons = [
      { label: 'Ya', action: { kind: 'confirm', token: 'tok-1' } },
      { label: 'Tidak', action: { kind: 'reject', token: 'tok-1' } },
    ]
  }
  return reply
}

function context(
  text: string,
  options: {
    locale?: Locale
    lastOrderNumber?: string | null
    history?: AgentTurn[]
    verified?: boolean
    state?: AgentState
  } = {},
) {
  const calls: Call[] = []
  const ctx: AgentContext = {
    text,
    locale: options.locale ?? detectLocale(text),
    history: options.history ?? [],
    ...(options.state ? { state: options.state } : {}),
    verified: options.verified ?? true,
    lastOrderNumber: options.lastOrderNumber ?? null,
    shopName: 'UrbanStyle ID',
    now: new Date(),
    log: silentLogger(),
    async callTool(name, input): Promise<ToolInvocation> {
      calls.push({ name, input })
      // check_inventory finds what the demo catalog's search finds, as the real tool does.
      const query = (input as { query?: string }).query
      const items = name === 'check_inventory' && query ? searchProductList(catalog, query) : []
      return { name, input, ok: true, result: { ok: true, data: { items } }, reply: cannedReply(name, input) }
    },
  }
  return { ctx, calls }
}

const agent = createRuleAgent({ knowledge })

interface AcceptanceLine {
  conversation: string
  as: string | null
  text?: string
  action?: 'confirm' | 'reject'
  expect: { tool: string | null; input?: Record<string, unknown>; reply?: string[] }
}

const acceptance: AcceptanceLine[] = readFileSync(
  new URL('../../fixtures/conversations.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as AcceptanceLine)

describe('the acceptance conversations', () => {
  it('has conversations to check', () => {
    expect(acceptance.filter((l) => l.text).length).toBeGreaterThan(20)
  })

  // Lines of one conversation run in order, carrying history and the last order as the core does.
  const conversations = [...new Set(acceptance.map((l) => l.conversation))]
  it.each(conversations)('%s', async (conversation) => {
    const history: AgentTurn[] = []
    let lastOrderNumber: string | null = null
    let state: AgentState | undefined
    for (const line of acceptance.filter((l) => l.conversation === conversation && l.text !== undefined)) {
      const text = line.text ?? ''
      const { ctx, calls } = context(text, {
        history: [...history],
        lastOrderNumber,
        verified: line.as !== null,
        ...(state ? { state } : {}),
      })
      const response = await agent.respond(ctx)
      state = response.state
      const where = `${conversation}: ${text}`

      if (line.expect.tool === null) {
        expect(calls, where).toEqual([])
        const replyText = response.replies.map((r) => r.text).join('\n')
        for (const part of line.expect.reply ?? []) expect(replyText.toLowerCase(), where).toContain(part.toLowerCase())
      } else {
        expect(
          calls.map((c) => c.name),
          where,
        ).toEqual([line.expect.tool])
        expect(calls[0]?.input, where).toMatchObject(line.expect.input ?? {})
        // The tool's own reply (buttons included) reaches the customer unchanged.
        expect(response.replies, where).toContainEqual(cannedReply(line.expect.tool, calls[0]?.input))
      }
      expect(response.gaveUp ?? false, where).toBe(false)

      const input = calls[0]?.input as { orderNumber?: string } | undefined
      if (input?.orderNumber) lastOrderNumber = input.orderNumber
      history.push(
        { role: 'user', text },
        { role: 'assistant', text: response.replies.map((r) => r.text).join('\n\n') },
      )
    }
  })
})

describe('RuleAgent', () => {
  it('is named "rules"', () => {
    expect(agent.name).toBe('rules')
  })

  describe('order requests', () => {
    it.each([
      ['Lacak ORD-2025-001', 'track_order', { orderNumber: 'ORD-2025-001' }],
      ['udh dikirim blm kak ord 2025 003?', 'track_order', { orderNumber: 'ORD-2025-003' }],
      ['ORD2025001', 'track_order', { orderNumber: 'ORD-2025-001' }],
      ['sudah bayar belum ORD-2025-002?', 'verify_payment', { orderNumber: 'ORD-2025-002' }],
      ['how do I pay for ORD-2025-002?', 'verify_payment', { orderNumber: 'ORD-2025-002' }],
      ['batal ORD-2025-005', 'cancel_order', { orderNumber: 'ORD-2025-005' }],
      [
        'tolong batalkan ORD-2025-005 karena salah pilih ukuran',
        'cancel_order',
        { orderNumber: 'ORD-2025-005', reason: 'salah pilih ukuran' },
      ],
      [
        'Ubah alamat pengiriman ORD-2025-004 ke Jl. Sudirman No. 5, Bandung 40111',
        'update_shipping_address',
        { orderNumber: 'ORD-2025-004', newAddress: 'Jl. Sudirman No. 5, Bandung 40111' },
      ],
    ])('%j → %s', async (text, tool, input) => {
      const { ctx, calls } = context(text)
      const response = await agent.respond(ctx)
      expect(calls).toEqual([{ name: tool, input }])
      expect(response.replies).toEqual([cannedReply(tool, input)])
    })

    it('uses the remembered order when the text names none', async () => {
      const { ctx, calls } = context('kalau pembayarannya gimana?', { lastOrderNumber: 'ORD-2025-001' })
      await agent.respond(ctx)
      expect(calls).toEqual([{ name: 'verify_payment', input: { orderNumber: 'ORD-2025-001' } }])
    })

    it('prefers the order in the text over the remembered one', async () => {
      const { ctx, calls } = context('sudah sampai belum ORD-2025-003?', { lastOrderNumber: 'ORD-2025-001' })
      await agent.respond(ctx)
      expect(calls).toEqual([{ name: 'track_order', input: { orderNumber: 'ORD-2025-003' } }])
    })

    it('answers each order of a question about several, in order', async () => {
      const { ctx, calls } = context('lacak ORD-2025-001 dan ORD-2025-003')
      const response = await agent.respond(ctx)
      expect(calls.map((c) => c.input)).toEqual([{ orderNumber: 'ORD-2025-001' }, { orderNumber: 'ORD-2025-003' }])
      expect(response.replies).toHaveLength(2)
    })

    it.each([
      ['mana pesanan saya', 'id', 'agent.askOrderTrack'],
      ['udh dikirim blm kak?', 'id', 'agent.askOrderTrack'],
      ['batalkan pesanan saya', 'id', 'agent.askOrderCancel'],
      ['sudah terbayar belum?', 'id', 'agent.askOrderPayment'],
      ['ganti alamat pengiriman dong', 'id', 'agent.askOrderAddress'],
      ['where is my order?', 'en', 'agent.askOrderTrack'],
      ['I want to cancel my order', 'en', 'agent.askOrderCancel'],
    ] as const)('asks which order for %j when none is known, without a tool', async (text, locale, key) => {
      const { ctx, calls } = context(text, { locale })
      const response = await agent.respond(ctx)
      expect(calls).toEqual([])
      expect(response.replies).toEqual([{ text: t(locale, key) }])
      expect(response.gaveUp).toBeUndefined()
    })

    it('takes an order number sent after its question as the answer to it', async () => {
      const { ctx, calls } = context('ORD-2025-002', { state: { pending: { intent: 'payment' } } })
      await agent.respond(ctx)
      expect(calls).toEqual([{ name: 'verify_payment', input: { orderNumber: 'ORD-2025-002' } }])

      const cancel = context('ord 2025 005', { state: { pending: { intent: 'cancel' } } })
      await agent.respond(cancel.ctx)
      expect(cancel.calls).toEqual([{ name: 'cancel_order', input: { orderNumber: 'ORD-2025-005' } }])
    })

    it('keeps the question it asked as state, and tracks a bare order number when none is pending', async () => {
      const asked = await agent.respond(context('sudah dibayar belum ya?').ctx)
      expect(asked.state).toEqual({ pending: { intent: 'payment' } })
      // Its own earlier sentence in the history is not read back: only the state counts.
      const { ctx, calls } = context('ORD-2025-002', {
        history: [{ role: 'assistant', text: t('id', 'agent.askOrderPayment') }],
      })
      await agent.respond(ctx)
      expect(calls).toEqual([{ name: 'track_order', input: { orderNumber: 'ORD-2025-002' } }])
    })

    it('asks for the new address when only the order is given', async () => {
      const { ctx, calls } = context('ganti alamat ORD-2025-004')
      const response = await agent.respond(ctx)
      expect(calls).toEqual([])
      expect(response.replies[0]?.text).toBe(t('id', 'agent.askAddress', { orderNumber: 'ORD-2025-004' }))
    })

    it('takes the order and address sent after "which order?" for an address change', async () => {
      const { ctx, calls } = context('ORD-2025-004 ke Jl. Sudirman No. 5, Bandung 40111', {
        state: { pending: { intent: 'address' } },
      })
      await agent.respond(ctx)
      expect(calls).toEqual([
        {
          name: 'update_shipping_address',
          input: { orderNumber: 'ORD-2025-004', newAddress: 'Jl. Sudirman No. 5, Bandung 40111' },
        },
      ])
    })

    it('takes the address sent after "what is the new address?" for the order it asked about', async () => {
      const asked = await agent.respond(context('change the address of ORD-2025-004', { locale: 'en' }).ctx)
      expect(asked.state).toEqual({ pending: { intent: 'address', orderNumber: 'ORD-2025-004' } })
      const state = asked.state
      const { ctx, calls } = context('Jl. Melati 7 RT 02/RW 03, Depok 16412', { state, locale: 'en' })
      await agent.respond(ctx)
      expect(calls).toEqual([
        {
          name: 'update_shipping_address',
          input: { orderNumber: 'ORD-2025-004', newAddress: 'Jl. Melati 7 RT 02/RW 03, Depok 16412' },
        },
      ])

      // Something that is no address is not taken for one.
      const ok = context('ok', { state })
      await agent.respond(ok.ctx)
      expect(ok.calls).toEqual([])
    })

    it('explains the payment methods when asked how to pay with no order in view', async () => {
      const { ctx, calls } = context('cara bayar gimana?')
      const response = await agent.respond(ctx)
      expect(calls).toEqual([])
      expect(response.replies[0]?.text).toContain('BCA 1234567890')
      expect(response.replies[0]?.text).toContain('cara bayar ORD-2025-002')
    })
  })

  describe('account requests', () => {
    it.each([
      ['Tunjukkan history pesanan saya', 'get_order_summary', {}],
      ['my orders', 'get_order_summary', {}],
      ['profil saya', 'get_customer_profile', {}],
      ['my account', 'get_customer_profile', {}],
    ])('%j → %s even with no order in view', async (text, tool, input) => {
      const { ctx, calls } = context(text, { verified: false })
      await agent.respond(ctx)
      expect(calls).toEqual([{ name: tool, input }])
    })

    it('passes the customer’s own words as the reason for a person', async () => {
      const { ctx, calls } = context('Saya mau komplain, barangnya beda dengan foto')
      await agent.respond(ctx)
      expect(calls).toEqual([
        { name: 'request_human', input: { reason: 'Saya mau komplain, barangnya beda dengan foto' } },
      ])
    })
  })

  describe('products', () => {
    it.each([
      ['Berapa stok produk KEMEJA-001?', { productIds: ['KEMEJA-001'] }],
      ['stok KAOS-001 ukuran M', { productIds: ['KAOS-001'], size: 'M' }],
      ['Apakah Kaos Basic Crewneck ukuran M masih ada?', { query: 'kaos basic crewneck', size: 'M' }],
      ['dress midi floral masih dijual nggak?', { query: 'dress midi floral' }],
      ['Do you have the denim jacket in size L?', { query: 'denim jacket', size: 'L' }],
    ])('%j → check_inventory %j', async (text, input) => {
      const { ctx, calls } = context(text, { verified: false })
      await agent.respond(ctx)
      expect(calls).toEqual([{ name: 'check_inventory', input }])
    })

    it.each([
      ['ada kaos apa aja', 'kaos'],
      ['cari celana', 'celana'],
      ['carikan kemeja linen ukuran L', 'kemeja linen L'],
    ])('%j → search_products %j', async (text, query) => {
      const { ctx, calls } = context(text)
      await agent.respond(ctx)
      expect(calls).toEqual([{ name: 'search_products', input: { query } }])
    })

    it('asks which product when none is named, then checks the one named next', async () => {
      const first = context('masih ada stoknya?')
      const asked = await agent.respond(first.ctx)
      expect(first.calls).toEqual([])
      expect(asked.replies).toEqual([{ text: t('id', 'agent.askProduct') }])

      const second = context('kemeja linen', { ...(asked.state ? { state: asked.state } : {}) })
      await agent.respond(second.ctx)
      expect(second.calls).toEqual([{ name: 'check_inventory', input: { query: 'kemeja linen' } }])
    })

    it('asks what to look for when a search names nothing', async () => {
      const { ctx, calls } = context('produk apa saja yang dijual?')
      const response = await agent.respond(ctx)
      expect(calls).toEqual([])
      expect(response.replies).toEqual([{ text: t('id', 'agent.askSearch') }])
    })

    it('reads a message that only names a catalog product as a stock question', async () => {
      const { ctx, calls } = context('kemeja linen L')
      await agent.respond(ctx)
      expect(calls).toEqual([{ name: 'check_inventory', input: { query: 'kemeja linen', size: 'L' } }])
    })

    it('checks vague "apakah ada ..." questions against the catalog first', async () => {
      const product = context('apakah ada jaket denim?')
      await agent.respond(product.ctx)
      expect(product.calls).toEqual([{ name: 'check_inventory', input: { query: 'jaket denim' } }])

      // The lookup goes through the tool (and is recorded); finding nothing, the agent does not answer with it.
      const notProduct = context('apakah ada promo bulan ini?')
      const response = await agent.respond(notProduct.ctx)
      expect(notProduct.calls.map((c) => c.name)).toEqual(['check_inventory'])
      expect(response.gaveUp).toBe(true)
      expect(response.replies[0]?.text).toBe(t('id', 'agent.notUnderstood'))
    })
  })

  describe('FAQ, greetings and the rest', () => {
    it('answers FAQ questions from the knowledge base in the customer’s locale, without a tool', async () => {
      const id = context('Metode pembayaran apa saja yang tersedia?')
      const idReply = await agent.respond(id.ctx)
      expect(id.calls).toEqual([])
      expect(idReply.replies[0]?.text).toMatch(/^\*\*Metode pembayaran\*\*/)
      for (const word of ['GoPay', 'OVO', 'ShopeePay', 'COD', 'Kartu Kredit']) {
        expect(idReply.replies[0]?.text).toContain(word)
      }

      const en = context('What payment methods do you accept?', { locale: 'en' })
      const enReply = await agent.respond(en.ctx)
      expect(en.calls).toEqual([])
      expect(enReply.replies[0]?.text).toContain('Credit Card')
      expect(enReply.replies[0]?.text).not.toContain('Kartu Kredit')
    })

    it.each([
      ['berapa ongkir ke medan?', 'Rp300.000'],
      ['kirim ke luar jawa berapa lama?', '3–7 hari'],
      ['bisa retur kalau kekecilan?', '7 hari'],
      ['jam operasional cs?', '08.00–21.00 WIB'],
      ['email cs apa?', 'cs@urbanstyle.id'],
      ['size chart kaos dong', 'Kaos Basic Crewneck'],
      ['kenapa harus verifikasi?', 'verifikasi ORD-2025-001 7890'],
      // Not caught by an intent: found by the knowledge search.
      ['pengiriman pakai JNE bisa?', 'JNE'],
    ])('%j → FAQ containing %j', async (text, fact) => {
      const { ctx, calls } = context(text)
      const response = await agent.respond(ctx)
      expect(calls).toEqual([])
      expect(response.replies[0]?.text).toContain(fact)
      expect(response.gaveUp).toBeUndefined()
    })

    it('greets warmly, says what it can do, in the customer’s language', async () => {
      const id = await agent.respond(context('halo kak').ctx)
      expect(id.replies).toEqual([{ text: t('id', 'agent.greeting', { shopName: 'UrbanStyle ID' }) }])
      expect(id.replies[0]?.text).toContain('UrbanStyle ID')
      expect(id.replies[0]?.text).toContain('lacak pesanan')

      const en = await agent.respond(context('hello there', { locale: 'en' }).ctx)
      expect(en.replies[0]?.text).toContain('track an order')
    })

    it('answers thanks without a tool', async () => {
      const { ctx, calls } = context('makasih ya kak')
      const response = await agent.respond(ctx)
      expect(calls).toEqual([])
      expect(response.replies).toEqual([{ text: t('id', 'agent.thanks') }])
    })

    it('says honestly when it does not understand, offers a person, and gives up', async () => {
      const { ctx, calls } = context('asdfgh qwerty zxcv')
      const response = await agent.respond(ctx)
      // Words that might name a product are looked up through the tool; nothing is found.
      expect(calls.map((c) => c.name)).toEqual(['check_inventory'])
      expect(response.gaveUp).toBe(true)
      expect(response.replies).toEqual([
        {
          text: t('id', 'agent.notUnderstood'),
          buttons: [{ label: t('id', 'agent.talkToPerson'), action: { kind: 'confirm', token: handoffOfferToken } }],
        },
      ])

      const en = await agent.respond(context('the weather is lovely today', { locale: 'en' }).ctx)
      expect(en.gaveUp).toBe(true)
      expect(en.replies[0]?.buttons?.[0]?.label).toBe(t('en', 'agent.talkToPerson'))
    })
  })
})
