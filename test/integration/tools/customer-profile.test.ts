import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { customerProfile } from '../../../tools/customer-profile.ts'
import { runTool } from '../../../tools/run-tool.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createToolContext } from '../../helpers/tool-context.ts'

describe.each(testDbKinds)('get_customer_profile on a real database (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it("shows Siti's own profile with her phone number and email masked", async () => {
    const ctx = await createToolContext(db, { customerId: 'cust-siti' })
    const result = await runTool(customerProfile, ctx, {})
    expect(result).toMatchObject({
      ok: true,
      data: { name: 'Siti Rahma', maskedEmail: 'si***@example.com', orderCount: 3, totalSpent: 332_000 },
    })
    const text = customerProfile.render(result, 'id').text
    expect(text).toContain('Nama: Siti Rahma')
    expect(text).toContain('5432')
    expect(text).not.toContain('81298765432')
    expect(JSON.stringify(result)).not.toContain('81298765432')
    expect(JSON.stringify(result)).not.toContain('siti@example.com')
    expect(customerProfile.render(result, 'en').text).toContain('Name: Siti Rahma')
  })

  it('asks an unverified sender to verify', async () => {
    const ctx = await createToolContext(db)
    const result = await runTool(customerProfile, ctx, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'verification_required' } })
    expect(customerProfile.render(result, 'id').text).toContain('verifikasi')
  })
})
