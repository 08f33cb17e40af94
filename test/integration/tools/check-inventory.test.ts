import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { checkInventory } from '../../../tools/check-inventory.ts'
import { runTool } from '../../../tools/run-tool.ts'
import type { ToolContext } from '../../../tools/types.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createToolContext } from '../../helpers/tool-context.ts'

describe.each(testDbKinds)('check_inventory on a real database (%s)', (kind) => {
  let db: Database
  let ctx: ToolContext
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    ctx = await createToolContext(db) // unverified: stock is public
  })
  afterAll(async () => {
    await db.close()
  })

  it('answers the seed question "Kaos Basic Crewneck ukuran M" with 15 available', async () => {
    const result = await runTool(checkInventory, ctx, { query: 'Kaos Basic Crewneck', size: 'M' })
    expect(result).toMatchObject({
      ok: true,
      data: { items: [{ productId: 'KAOS-001', size: 'M', quantity: 15, inStock: true }], notFound: [] },
    })
    const text = checkInventory.render(result, 'id').text
    expect(text).toContain('✅ Kaos Basic Crewneck\nStatus: Tersedia\nUkuran M: 15 unit')
  })

  it('says honestly when the colour asked for is not offered, and still gives the stock', async () => {
    const result = await runTool(checkInventory, ctx, { query: 'kaos', size: 'L', colour: 'hitam' })
    expect(result).toMatchObject({
      ok: true,
      data: { items: [{ productId: 'KAOS-001', size: 'L', quantity: 20, colourOffered: false }], colour: 'hitam' },
    })
    expect(checkInventory.render(result, 'id').text).toContain('kami tidak punya Kaos Basic Crewneck warna hitam')
    expect(checkInventory.render(result, 'id').text).toContain('Ukuran L: 20 unit')
    const named = await runTool(checkInventory, ctx, { query: 'jaket denim', colour: 'denim' })
    expect(named).toMatchObject({ ok: true, data: { items: [{ productId: 'JAKET-001', colourOffered: true }] } })
    expect(checkInventory.render(named, 'en').text).not.toContain('Sorry')
  })

  it('takes the size from the words when the model leaves it in the query', async () => {
    const result = await runTool(checkInventory, ctx, { query: 'kaos crewneck M' })
    expect(result).toMatchObject({ ok: true, data: { items: [{ productId: 'KAOS-001', size: 'M', quantity: 15 }] } })
  })

  it('gives the whole product stock when no size is asked', async () => {
    const result = await runTool(checkInventory, ctx, { query: 'Kaos Basic Crewneck' })
    expect(result).toMatchObject({ ok: true, data: { items: [{ size: null, quantity: 50 }] } })
    expect(checkInventory.render(result, 'id').text).toContain(
      '✅ Kaos Basic Crewneck\nStatus: Tersedia\nStok: 50 unit',
    )
  })

  it('says an out-of-stock product is sold out', async () => {
    const result = await runTool(checkInventory, ctx, { query: 'dress midi floral' })
    const text = checkInventory.render(result, 'id').text
    expect(text).toContain('❌ Dress Midi Floral\nStatus: Stok habis')
  })

  it('checks by product id', async () => {
    const result = await runTool(checkInventory, ctx, { productIds: ['KEMEJA-001'] })
    const text = checkInventory.render(result, 'id').text
    expect(text).toContain('Kemeja Linen Lengan Panjang')
    expect(text).toContain('Stok: 12 unit')
  })

  it('checks by SKU, case-insensitively', async () => {
    const result = await runTool(checkInventory, ctx, { skus: ['kaos-001-m'] })
    expect(result).toMatchObject({ ok: true, data: { items: [{ productId: 'KAOS-001', size: 'M', quantity: 15 }] } })
  })

  it('reports low stock for the denim jacket in L (English)', async () => {
    const result = await runTool(checkInventory, ctx, { query: 'denim jacket', size: 'L' })
    expect(result).toMatchObject({
      ok: true,
      data: { items: [{ productId: 'JAKET-001', quantity: 1, lowStock: true }] },
    })
    const text = checkInventory.render(result, 'en').text
    expect(text).toContain('Jaket Denim')
    expect(text).toContain('Size L: 1 pcs')
    expect(text).toContain('Low stock')
  })

  it('says when the asked size is not made, listing the sizes that are', async () => {
    const result = await runTool(checkInventory, ctx, { productIds: ['JAKET-001'], size: 'xl' })
    expect(result).toMatchObject({ ok: true, data: { items: [{ sizeOffered: false, size: 'XL' }] } })
    expect(checkInventory.render(result, 'id').text).toContain('Ukuran yang ada: M, L')
  })

  it('answers unknown products and words politely', async () => {
    const result = await runTool(checkInventory, ctx, { productIds: ['TOPI-999'], query: 'zzqx vbnm' })
    expect(result).toMatchObject({
      ok: true,
      data: { items: [], notFound: expect.arrayContaining(['TOPI-999', 'zzqx vbnm']) },
    })
    const text = checkInventory.render(result, 'id').text
    expect(text).toContain('tidak kami temukan')
    expect(text).toContain('cari')
  })

  it('checks several products in one call', async () => {
    const result = await runTool(checkInventory, ctx, { productIds: ['KAOS-001', 'DRESS-001', 'CELANA-001'] })
    expect(result.ok && result.data.items.map((i) => [i.productId, i.quantity])).toEqual([
      ['KAOS-001', 50],
      ['DRESS-001', 0],
      ['CELANA-001', 30],
    ])
  })

  it('refuses a call that names nothing', async () => {
    const result = await runTool(checkInventory, ctx, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { field: 'query' } } })
  })
})
