import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { requestHuman } from '../../../tools/request-human.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createToolContext } from '../../helpers/tool-context.ts'

describe.each(testDbKinds)('request_human on a real database (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('returns the reason for the core to open a hand-off, and writes nothing itself', async () => {
    const ctx = await createToolContext(db) // anyone may ask for a person
    const before = await db.prisma.handoff.count()
    const result = await runTool(requestHuman, ctx, { reason: '  wants to talk to a person  ' })
    expect(result).toEqual({ ok: true, data: { reason: 'wants to talk to a person', staffAvailable: true } })
    expect(await db.prisma.handoff.count()).toBe(before)
    expect(requestHuman.render(result, 'id').text).toContain('tim CS')
  })

  it('never fails for want of a reason', async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-adi' })
    expect(await runTool(requestHuman, ctx, {})).toEqual({
      ok: true,
      data: { reason: 'customer asked for a person', staffAvailable: true },
    })
    expect(await runTool(requestHuman, ctx, { reason: ' ' })).toEqual({
      ok: true,
      data: { reason: 'customer asked for a person', staffAvailable: true },
    })
  })
})
