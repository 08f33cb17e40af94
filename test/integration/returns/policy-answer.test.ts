/**
 * The FAQ's return answer comes from the RETURN_* settings, the same values the return tools enforce: the rule
 * agent's answer and the Claude agent's knowledge both say the configured window and address, never the file's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/app.ts'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { claudeCore, say, useAnthropicServer } from '../../helpers/claude.ts'
import { inbound } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { textResponse } from '../../msw/anthropic.ts'

const anthropic = useAnthropicServer()

describe.each(testDbKinds)('the return policy answer (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  const config = {
    RETURN_WINDOW_DAYS: 14,
    RETURN_SHIPPING_PAID_BY: 'shop' as const,
    RETURN_ADDRESS: 'Gudang Retur UrbanStyle, Jl. Kemang Raya 8, Jakarta 12730',
    RETURN_EXCHANGES: false,
  }

  it('answers "kebijakan retur?" with the configured window, shipping, address and no exchange promise', async () => {
    const { core } = createApp({ db, log: silentLogger(), agent: 'rules', config })
    const [reply] = await core.handle(inbound('policy-id', 'bagaimana kebijakan retur di toko ini?'))
    expect(reply?.text).toContain('14 hari setelah diterima')
    expect(reply?.text).toContain('Ongkos kirim retur kami tanggung.')
    expect(reply?.text).toContain('Jl. Kemang Raya 8')
    expect(reply?.text).not.toContain('7 hari')
    expect(reply?.text).not.toMatch(/Tukar: ke ukuran/)

    const [english] = await core.handle(inbound('policy-en', 'what is your return policy?'))
    expect(english?.text).toContain('within **14 days of delivery**')
    expect(english?.text).toContain('We pay for the return shipping.')
  })

  it("gives the Claude agent the same section in place of the knowledge file's", async () => {
    const built = claudeCore(db, silentLogger(), config)
    anthropic.script(textResponse('Retur bisa 14 hari, kak.'))
    await say(built, 'policy-claude', 'retur berapa hari?')
    const prompt = JSON.stringify(anthropic.requests[0]?.system ?? '')
    expect(prompt).toContain('**14 hari setelah diterima**')
    expect(prompt).not.toContain('**7 hari setelah diterima**')
    expect(prompt.match(/\{#returns\}/g)).toHaveLength(1)
    expect(prompt).toContain('Gudang Retur UrbanStyle')
    // The rest of the shop's knowledge stays.
    expect(prompt).toContain('{#payment-methods}')
  })
})
