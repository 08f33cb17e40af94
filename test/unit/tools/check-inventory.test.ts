import { describe, expect, it } from 'vitest'
import { type CheckInventoryData, checkInventory, type StockItem } from '../../../tools/check-inventory.ts'
import type { ToolResult } from '../../../tools/types.ts'

const kaos: StockItem = {
  productId: 'KAOS-001',
  name: 'Kaos Basic Crewneck',
  nameEn: 'Basic Crewneck T-Shirt',
  price: 79_000,
  size: null,
  quantity: 50,
  inStock: true,
  lowStock: false,
  sizeOffered: true,
  sizes: [
    { size: 'S', quantity: 10 },
    { size: 'M', quantity: 15 },
    { size: 'L', quantity: 20 },
    { size: 'XL', quantity: 5 },
  ],
}

const dress: StockItem = {
  productId: 'DRESS-001',
  name: 'Dress Midi Floral',
  nameEn: 'Floral Midi Dress',
  price: 189_000,
  size: null,
  quantity: 0,
  inStock: false,
  lowStock: false,
  sizeOffered: true,
  sizes: [
    { size: 'S', quantity: 0 },
    { size: 'M', quantity: 0 },
    { size: 'L', quantity: 0 },
  ],
}

const jacket: StockItem = {
  productId: 'JAKET-001',
  name: 'Jaket Denim Oversize',
  nameEn: 'Oversized Denim Jacket',
  price: 249_000,
  size: null,
  quantity: 3,
  inStock: true,
  lowStock: true,
  sizeOffered: true,
  sizes: [
    { size: 'M', quantity: 2 },
    { size: 'L', quantity: 1 },
  ],
}

const result = (items: StockItem[], notFound: string[] = []): ToolResult<CheckInventoryData> => ({
  ok: true,
  data: { items, notFound },
})

describe('check_inventory render', () => {
  it('renders a product in stock like the seed document, with sizes and price', () => {
    const text = checkInventory.render(result([kaos]), 'id').text
    expect(text.startsWith('✅ Kaos Basic Crewneck\nStatus: Tersedia\nStok: 50 unit')).toBe(true)
    expect(text).toContain('Per ukuran: S 10 · M 15 · L 20 · XL 5')
    expect(text).toContain('Harga: Rp79.000')
  })

  it('renders one asked size with its own count', () => {
    const text = checkInventory.render(result([{ ...kaos, size: 'M', quantity: 15 }]), 'id').text
    expect(text).toContain('✅ Kaos Basic Crewneck\nStatus: Tersedia\nUkuran M: 15 unit')
    expect(text).not.toContain('Stok: 50')
    const en = checkInventory.render(result([{ ...kaos, size: 'M', quantity: 15 }]), 'en').text
    expect(en).toContain('✅ Kaos Basic Crewneck (Basic Crewneck T-Shirt)\nStatus: Available\nSize M: 15 pcs')
    expect(en).toContain('Price: Rp79.000')
  })

  it('says "Stok habis" for an out-of-stock product', () => {
    const text = checkInventory.render(result([dress]), 'id').text
    expect(text.startsWith('❌ Dress Midi Floral\nStatus: Stok habis')).toBe(true)
    expect(checkInventory.render(result([dress]), 'en').text).toContain('Status: Out of stock')
  })

  it('says stock is low', () => {
    expect(checkInventory.render(result([jacket]), 'id').text).toContain(
      '⚠️ Jaket Denim Oversize\nStatus: Stok terbatas\nStok: 3 unit',
    )
    const en = checkInventory.render(result([{ ...jacket, size: 'L', quantity: 1 }]), 'en').text
    expect(en).toContain('Jaket Denim')
    expect(en).toContain('Status: Low stock')
    expect(en).toContain('Size L: 1 pcs')
  })

  it('offers the other sizes when the asked size is sold out', () => {
    const soldOutS = { ...jacket, size: 'S', quantity: 0, inStock: false, lowStock: false }
    const text = checkInventory.render(result([soldOutS]), 'id').text
    expect(text).toContain('Status: Stok habis')
    expect(text).toContain('Ukuran lain yang masih ada: M 2 · L 1')
  })

  it('says when a size does not exist for the product', () => {
    const xxl = { ...kaos, size: 'XXL', quantity: 0, inStock: false, sizeOffered: false }
    const text = checkInventory.render(result([xxl]), 'id').text
    expect(text).toContain('Ukuran XXL tidak tersedia untuk produk ini. Ukuran yang ada: S, M, L, XL.')
    expect(checkInventory.render(result([xxl]), 'en').text).toContain('Size XXL is not offered')
  })

  it('answers an unknown product politely with a suggestion to search, echoing the words safely', () => {
    const id = checkInventory.render(result([], ['sepatu <b>boots</b>']), 'id').text
    expect(id).toContain('Maaf, produk "sepatu b boots /b" tidak kami temukan')
    expect(id).toContain('cari')
    expect(id).not.toContain('<')
    expect(checkInventory.render(result([], ['boots']), 'en').text).toContain('could not find the product "boots"')
  })

  it('renders several products one block each', () => {
    const text = checkInventory.render(result([kaos, dress], ['TOPI-001']), 'id').text
    const blocks = text.split('\n\n')
    expect(blocks).toHaveLength(3)
    expect(blocks[0]).toContain('Kaos Basic Crewneck')
    expect(blocks[1]).toContain('Dress Midi Floral')
    expect(blocks[2]).toContain('TOPI-001')
  })

  it('falls back to the shared error replies', () => {
    const bad: ToolResult<CheckInventoryData> = {
      ok: false,
      error: { code: 'invalid_input', message: '', details: { field: 'query' } },
    }
    expect(checkInventory.render(bad, 'id').text).toContain('"query"')
    expect(checkInventory.render(bad, 'en').text).toContain('"query"')
  })
})
