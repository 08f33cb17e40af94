import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { demoProducts } from '../../../src/db/demo-shop.ts'
import { type SearchableProduct, searchProductList, wordSimilarity } from '../../../src/services/product-search.ts'

const catalog: SearchableProduct[] = demoProducts.map((p) => ({
  id: p.id,
  name: p.name,
  nameEn: p.nameEn,
  category: p.category,
  price: p.price,
  sizes: Object.keys(p.stock),
}))

function best(query: string) {
  return searchProductList(catalog, query)[0]
}

describe('searchProductList', () => {
  it.each([
    ['kaos crewneck M', 'KAOS-001', 'M'],
    ['Apakah Kaos Basic Crewneck ukuran M masih ada?', 'KAOS-001', 'M'],
    ['denim jacket L', 'JAKET-001', 'L'],
    ['Do you have the denim jacket in size L?', 'JAKET-001', 'L'],
    ['dress midi floral masih dijual nggak?', 'DRESS-001', null],
    ['kemeja linen', 'KEMEJA-001', null],
    ['celana chino 31', 'CELANA-001', '31'],
    ['Slim Fit Chino Pants size 33', 'CELANA-001', '33'],
    ['jaketnya ukuran L ada?', 'JAKET-001', 'L'],
    ['KAOS-001-XL', 'KAOS-001', 'XL'],
    ["I'm looking for a floral dress", 'DRESS-001', null],
  ])('%s → %s size %s', (query, productId, size) => {
    const match = best(query)
    expect(match?.productId).toBe(productId)
    expect(match?.size).toBe(size)
  })

  it('names the product in both languages with its price and a score in 0..1', () => {
    const [match] = searchProductList(catalog, 'kaos crewneck M')
    expect(match).toEqual({
      productId: 'KAOS-001',
      productName: 'Kaos Basic Crewneck',
      productNameEn: 'Basic Crewneck T-Shirt',
      price: 79_000,
      size: 'M',
      score: expect.any(Number),
    })
    expect(match!.score).toBeGreaterThan(0)
    expect(match!.score).toBeLessThanOrEqual(1)
  })

  it.each([
    ['kaos crewnek', 'KAOS-001'],
    ['jaket denin', 'JAKET-001'],
    ['kemeja linnen', 'KEMEJA-001'],
    ['celan chino', 'CELANA-001'],
    ['kaso crewneck', 'KAOS-001'], // swapped letters
  ])('tolerates the typo in %s', (query, productId) => {
    expect(best(query)?.productId).toBe(productId)
  })

  it('ignores stop words and filler: they change nothing', () => {
    const plain = searchProductList(catalog, 'kaos basic crewneck M')
    const chatty = searchProductList(catalog, 'Halo kak, apakah kaos basic crewneck ukuran M masih ada ya?')
    expect(chatty).toEqual(plain)
    expect(searchProductList(catalog, 'do you have the denim jacket in size L')).toEqual(
      searchProductList(catalog, 'denim jacket L'),
    )
  })

  it.each([
    'halo kak',
    'apakah masih ada?',
    'do you have the',
    'kapan paket saya sampai?',
    'berapa lama pengiriman ke bandung?',
    'how long is shipping to bandung?',
    'M',
    '31',
    '',
    '   ',
    '\'; DROP TABLE "Product"; --',
    'SELECT * FROM "Product" WHERE 1=1',
  ])('finds nothing in unrelated text: %j', (query) => {
    expect(searchProductList(catalog, query)).toEqual([])
  })

  it('ranks the product the words describe above one that shares a word', () => {
    const results = searchProductList(catalog, 'long sleeve linen shirt')
    expect(results[0]?.productId).toBe('KEMEJA-001')
    expect(results.map((r) => r.productId)).not.toContain('DRESS-001')
  })

  it('leaves the size null when the product does not come in it', () => {
    const match = best('dress midi floral XL')
    expect(match?.productId).toBe('DRESS-001')
    expect(match?.size).toBeNull()
  })

  it('honours the limit and sorts best first', () => {
    const many: SearchableProduct[] = Array.from({ length: 30 }, (_, i) => ({
      id: `KAOS-${String(i).padStart(3, '0')}`,
      name: `Kaos Polos Warna ${i}`,
      nameEn: null,
      category: 'kaos',
      price: 50_000,
      sizes: ['M'],
    }))
    expect(searchProductList(many, 'kaos polos')).toHaveLength(5)
    expect(searchProductList(many, 'kaos polos', { limit: 12 })).toHaveLength(12)
    expect(searchProductList(many, 'kaos polos', { limit: 500 })).toHaveLength(20)
    const scores = searchProductList(catalog, 'shirt kaos').map((r) => r.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it('copes with huge input quickly and never throws on any string', () => {
    const started = performance.now()
    expect(searchProductList(catalog, 'kaos '.repeat(2000))).toHaveLength(1)
    expect(searchProductList(catalog, 'x'.repeat(10_000))).toEqual([])
    expect(performance.now() - started).toBeLessThan(500)
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const results = searchProductList(catalog, text)
        for (const r of results) expect(r.score).toBeGreaterThan(0)
      }),
      { numRuns: 300 },
    )
  })
})

describe('wordSimilarity', () => {
  it('scores exact words 1, one typo less, two typos in a long word less again', () => {
    expect(wordSimilarity('kaos', 'kaos')).toBe(1)
    expect(wordSimilarity('denin', 'denim')).toBeGreaterThan(0.7)
    expect(wordSimilarity('crewnek', 'crewneck')).toBeGreaterThan(0.7)
    expect(wordSimilarity('crewwnek', 'crewneck')).toBeLessThan(wordSimilarity('crewnek', 'crewneck'))
    expect(wordSimilarity('crewwnek', 'crewneck')).toBeGreaterThan(0)
  })

  it('never matches short words loosely, or words that start differently', () => {
    expect(wordSimilarity('kak', 'kaos')).toBe(0)
    expect(wordSimilarity('fit', 'fil')).toBe(0)
    expect(wordSimilarity('paket', 'jaket')).toBe(0)
    expect(wordSimilarity('shirt', 'tshirt')).toBe(0)
    expect(wordSimilarity('kemana', 'kemeja')).toBe(0)
  })
})
