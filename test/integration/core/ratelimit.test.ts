import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/app.ts'
import type { Database } from '../../../src/db/client.ts'
import { silentLogger } from '../../../src/logger.ts'
import { inbound, newUser, scriptedAgent } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'

describe.each(testDbKinds)('rate limit (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('lets 20 messages a minute through by default; the 21st gets a polite reply and no agent call', async () => {
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent, config: {} })
    const user = newUser('flood')
    for (let i = 1; i <= 20; i++) {
      expect(await core.handle(inbound(user, `pesan ${i}`))).toEqual([{ text: `echo: pesan ${i}` }])
    }
    const refused = await core.handle(inbound(user, 'pesan 21'))
    expect(refused).toHaveLength(1)
    expect(refused[0]?.text).toMatch(/terlalu banyak/i)
    expect(refused[0]?.text).toMatch(/\d+ detik/)
    expect(agent.calls).toHaveLength(20)
    // The refused message is not stored, so it does not extend the wait.
    const stored = await db.prisma.message.count({
      where: { role: 'user', conversation: { externalChatId: user } },
    })
    expect(stored).toBe(20)
  })

  it('takes the limit from the configuration and counts per sender', async () => {
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent, config: { RATE_LIMIT_PER_MINUTE: 2 } })
    const busy = newUser('busy')
    const calm = newUser('calm')
    await core.handle(inbound(busy, 'satu'))
    await core.handle(inbound(busy, 'dua'))
    const refused = await core.handle(inbound(busy, 'Where is my order please?'))
    expect(refused[0]?.text).toMatch(/too quickly/i)
    expect(await core.handle(inbound(calm, 'halo'))).toEqual([{ text: 'echo: halo' }])
    expect(agent.calls.map((c) => c.text)).toEqual(['satu', 'dua', 'halo'])
  })

  it('lets the sender in again once the window has slid past the oldest message', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z')
    const now = () => new Date(clock)
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent, now, config: { RATE_LIMIT_PER_MINUTE: 3 } })
    const user = newUser('slide')
    for (const text of ['a', 'b', 'c']) {
      await core.handle(inbound(user, text))
      clock += 10_000
    }
    expect((await core.handle(inbound(user, 'd')))[0]?.text).toMatch(/terlalu banyak/i)
    clock = Date.parse('2030-01-01T00:01:00.500Z') // 'a' (at 00:00:00) has left the window
    expect(await core.handle(inbound(user, 'e'))).toEqual([{ text: 'echo: e' }])
    expect((await core.handle(inbound(user, 'f')))[0]?.text).toMatch(/terlalu banyak/i)
  })

  it('tells how long to wait: until the oldest message in the window leaves it', async () => {
    let clock = Date.parse('2031-01-01T00:00:00Z')
    const now = () => new Date(clock)
    const agent = scriptedAgent()
    const { core } = createApp({ db, log: silentLogger(), agent, now, config: { RATE_LIMIT_PER_MINUTE: 2 } })
    const user = newUser('wait')
    await core.handle(inbound(user, 'a'))
    clock += 15_000
    await core.handle(inbound(user, 'b'))
    clock += 5_000
    // 'a' was written 20 s ago, so it leaves the one-minute window in 40 s.
    expect((await core.handle(inbound(user, 'c')))[0]?.text).toMatch(/sekitar 40 detik/)
    const generous = createApp({ db, log: silentLogger(), agent, now, config: { RATE_LIMIT_PER_MINUTE: 3 } })
    expect(await generous.core.handle(inbound(user, 'd'))).toEqual([{ text: 'echo: d' }])
    expect(agent.calls.map((c) => c.text)).toEqual(['a', 'b', 'd'])
  })
})
