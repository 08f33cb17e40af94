/** Finding products and asking about stock; the words that are never part of a product's name; sizes, colours. */
import type { KeywordSet } from './keyword-set.ts'

export const productWords: KeywordSet = { id: ['produk', 'barang', 'jual', 'dijual'], en: [] }

export const searchWords: KeywordSet = {
  id: [
    'cari',
    'cariin',
    'carikan',
    'mencari',
    'nyari',
    'katalog',
    'koleksi',
    'rekomendasi',
    'produk apa',
    'barang apa',
    'jual apa',
    'lihat produk',
    'model apa',
  ],
  en: [
    'search',
    'find',
    'looking for',
    'catalog',
    'catalogue',
    'collection',
    'recommend',
    'recommendation',
    'what do you sell',
    'what products',
    'show me',
  ],
}

export const stockWords: KeywordSet = {
  id: [
    'stok',
    'ready',
    'tersedia',
    'habis',
    'restock',
    'dijual',
    'kosong',
    'masih ada',
    'ada tidak',
    'ada ukuran',
    'ada size',
  ],
  en: [
    'stock',
    'available',
    'availability',
    'sold out',
    'do you have',
    'do you still have',
    'have you got',
    'do you sell',
    'in stock',
  ],
}

/** A stock question only when a product is named too ("apakah ada kemeja linen L?"). */
export const weakStockWords: KeywordSet = {
  id: ['apakah ada', 'adakah', 'ada', 'harga'],
  en: ['is there', 'are there', 'any', 'price', 'how much'],
}

/** Never part of a product name: question words, politeness, stock and search words, both languages. */
export const stopWords: ReadonlySet<string> = new Set(
  `apakah apa ada adakah masih ukuran size yang ini itu saya mau ingin pengen beli membeli pesan order stok stock
  ready tersedia dijual jual jualan tidak belum sudah kah berapa harga untuk buat dan atau dengan lagi bisa boleh
  punya cari cariin carikan mencari nyari tanya mohon info kalau bagaimana di ke dari pada terima kasih thanks the a
  an do does you have has in of for is are there any i me my we still available sell sold selling want buy looking
  please how much many what which price some it this that can get with and or to produk product products barang
  item items saja habis kosong restock sold out search find show catalog katalog koleksi collection rekomendasi
  recommend model lihat got tolong unit units pcs warna color colour apa admin cs am im need like would one your our
  ya`.split(/\s+/),
)

export const letterSizes: ReadonlySet<string> = new Set([
  'xxs',
  'xs',
  's',
  'm',
  'l',
  'xl',
  'xxl',
  'xxxl',
  '2xl',
  '3xl',
  '4xl',
])

/**
 * Colour words, each with the name shown back to the customer per language. The shop's catalog has no colour
 * variants, so a colour is offered only when the product's own name says it.
 */
export const colours: Readonly<Record<string, { id: string; en: string }>> = {
  hitam: { id: 'hitam', en: 'black' },
  black: { id: 'hitam', en: 'black' },
  putih: { id: 'putih', en: 'white' },
  white: { id: 'putih', en: 'white' },
  merah: { id: 'merah', en: 'red' },
  red: { id: 'merah', en: 'red' },
  biru: { id: 'biru', en: 'blue' },
  blue: { id: 'biru', en: 'blue' },
  hijau: { id: 'hijau', en: 'green' },
  green: { id: 'hijau', en: 'green' },
  kuning: { id: 'kuning', en: 'yellow' },
  yellow: { id: 'kuning', en: 'yellow' },
  abu: { id: 'abu-abu', en: 'grey' },
  abuabu: { id: 'abu-abu', en: 'grey' },
  grey: { id: 'abu-abu', en: 'grey' },
  gray: { id: 'abu-abu', en: 'grey' },
  coklat: { id: 'cokelat', en: 'brown' },
  cokelat: { id: 'cokelat', en: 'brown' },
  brown: { id: 'cokelat', en: 'brown' },
  pink: { id: 'merah muda', en: 'pink' },
  ungu: { id: 'ungu', en: 'purple' },
  purple: { id: 'ungu', en: 'purple' },
  navy: { id: 'navy', en: 'navy' },
  krem: { id: 'krem', en: 'cream' },
  cream: { id: 'krem', en: 'cream' },
  oranye: { id: 'oranye', en: 'orange' },
  orange: { id: 'oranye', en: 'orange' },
  maroon: { id: 'marun', en: 'maroon' },
}
