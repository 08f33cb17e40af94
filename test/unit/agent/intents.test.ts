import { describe, expect, it } from 'vitest'
import { addressReply, type DetectedIntent, detectIntent, extractOrderNumbers } from '../../../src/agent/intents.ts'

type Case = [text: string, expected: Partial<DetectedIntent>]

function check(cases: Case[], lastOrderNumber: string | null = null) {
  it.each(cases)('%j', (text, expected) => {
    const detected = detectIntent(text, { lastOrderNumber })
    // `key: undefined` in a case means the slot must be absent.
    const absent = Object.keys(expected).filter((k) => expected[k as keyof DetectedIntent] === undefined)
    const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined))
    expect(detected).toMatchObject(present)
    for (const key of absent) expect(detected[key as keyof DetectedIntent], key).toBeUndefined()
  })
}

describe('detectIntent: order intents with a number', () => {
  check([
    ['Mana pesanan saya ORD-2025-001?', { intent: 'track', orderNumber: 'ORD-2025-001' }],
    ['Lacak pesanan ORD-2025-001', { intent: 'track', orderNumber: 'ORD-2025-001' }],
    ['udh dikirim blm kak ORD-2025-001?', { intent: 'track', orderNumber: 'ORD-2025-001' }],
    ['Paket ORD-2025-003 sudah sampai?', { intent: 'track', orderNumber: 'ORD-2025-003' }],
    ['cek status ORD-2025-005', { intent: 'track', orderNumber: 'ORD-2025-005' }],
    ['status pesanan ORD-2025-002 gimana?', { intent: 'track', orderNumber: 'ORD-2025-002' }],
    ['Where is my order ORD-2025-001?', { intent: 'track', orderNumber: 'ORD-2025-001' }],
    ['has my order ORD-2025-001 shipped yet?', { intent: 'track', orderNumber: 'ORD-2025-001' }],
    ['pesnan ORD-2025-001 udh dikrim?', { intent: 'track', orderNumber: 'ORD-2025-001' }],
    ['apakah pesanan ORD-2025-002 sudah dibatalkan?', { intent: 'track', orderNumber: 'ORD-2025-002' }],
    ['Batalkan pesanan ORD-2025-001', { intent: 'cancel', orderNumber: 'ORD-2025-001' }],
    ['Saya ingin membatalkan order ORD-2025-002', { intent: 'cancel', orderNumber: 'ORD-2025-002' }],
    ['tolong cancel ORD-2025-005', { intent: 'cancel', orderNumber: 'ORD-2025-005' }],
    ['ORD-2025-002 batal aja', { intent: 'cancel', orderNumber: 'ORD-2025-002' }],
    ['I want to cancel ORD-2025-002', { intent: 'cancel', orderNumber: 'ORD-2025-002' }],
    [
      'tolong batalkn ORD-2025-002 karena salah pilih ukuran',
      { intent: 'cancel', orderNumber: 'ORD-2025-002', reason: 'salah pilih ukuran' },
    ],
    ['Apakah ORD-2025-001 sudah terbayar?', { intent: 'payment', orderNumber: 'ORD-2025-001' }],
    ['ORD-2025-002 sudah bayar belum?', { intent: 'payment', orderNumber: 'ORD-2025-002' }],
    ['pembayran ORD-2025-002 gmn', { intent: 'payment', orderNumber: 'ORD-2025-002' }],
    ['payment status ORD-2025-001', { intent: 'payment', orderNumber: 'ORD-2025-001' }],
    ['batas pembayaran ORD-2025-002 kapan?', { intent: 'payment', orderNumber: 'ORD-2025-002' }],
    ['Bagaimana cara bayar pesanan ORD-2025-002?', { intent: 'how_to_pay', orderNumber: 'ORD-2025-002' }],
    ['How do I pay for ORD-2025-002?', { intent: 'how_to_pay', orderNumber: 'ORD-2025-002' }],
  ])
})

describe('detectIntent: order numbers written loosely', () => {
  check([
    ['cek ord 2025 001', { intent: 'track', orderNumber: 'ORD-2025-001', orderNumbers: ['ORD-2025-001'] }],
    ['ORD2025001', { intent: 'track', orderNumber: 'ORD-2025-001', bareOrderNumber: true }],
    ['#ORD-2025-001 gmn?', { intent: 'track', orderNumber: 'ORD-2025-001' }],
    ['ord_2025_003 sudah sampai?', { intent: 'track', orderNumber: 'ORD-2025-003' }],
    [
      'lacak ORD-2025-001 dan ORD-2025-003',
      { intent: 'track', orderNumber: 'ORD-2025-001', orderNumbers: ['ORD-2025-001', 'ORD-2025-003'] },
    ],
  ])

  it('extracts every number once, in order, and blanks them out of the text', () => {
    const { orderNumbers, rest } = extractOrderNumbers('ORD-2025-003, #ord 2025 001 dan ORD2025003 lagi')
    expect(orderNumbers).toEqual(['ORD-2025-003', 'ORD-2025-001'])
    expect(rest).not.toMatch(/2025/)
    expect(rest).toContain('lagi')
  })

  it.each([
    'ORD-2025-003, #ord 2025 001 dan ORD2025003 lagi',
    'cek ord–2025–002 ya',
    'ORD_2025_004?',
    '#ORD-2025-005.',
  ])('blanks out every order number it finds: %j', (text) => {
    const { orderNumbers, rest } = extractOrderNumbers(text)
    expect(orderNumbers.length).toBeGreaterThan(0)
    expect(extractOrderNumbers(rest).orderNumbers).toEqual([])
    expect(rest).not.toMatch(/ord/i)
  })

  it('does not take other numbers for order numbers', () => {
    expect(extractOrderNumbers('hubungi 081234567890 atau kirim 2025 001').orderNumbers).toEqual([])
  })
})

describe('detectIntent: the conversation remembers the order', () => {
  check(
    [
      ['kalau pembayarannya gimana?', { intent: 'payment', orderNumber: 'ORD-2025-001', orderFromContext: true }],
      ['udh dikirim blm kak?', { intent: 'track', orderNumber: 'ORD-2025-001', orderFromContext: true }],
      ['sudah sampai?', { intent: 'track', orderNumber: 'ORD-2025-001' }],
      ['batalkan saja', { intent: 'cancel', orderNumber: 'ORD-2025-001' }],
      ['cara bayar?', { intent: 'how_to_pay', orderNumber: 'ORD-2025-001' }],
      // A number in the text wins over the remembered one.
      ['kalau ORD-2025-003?', { intent: 'track', orderNumber: 'ORD-2025-003' }],
      // Summary, profile and product questions never borrow an order.
      ['history pesanan', { intent: 'summary', orderNumber: undefined }],
      ['profil saya', { intent: 'profile', orderNumber: undefined }],
      ['stok kaos crewneck M?', { intent: 'stock', orderNumber: undefined }],
      // General questions stay general even mid-conversation.
      ['Metode pembayaran apa saja yang tersedia?', { intent: 'faq', faqTopic: 'payment-methods' }],
      // ...except the ones that read as being about that order.
      ['kurirnya apa?', { intent: 'track', orderNumber: 'ORD-2025-001' }],
    ],
    'ORD-2025-001',
  )

  it('leaves the order empty when there is none to remember', () => {
    const detected = detectIntent('mana pesanan saya', {})
    expect(detected).toMatchObject({ intent: 'track', orderNumbers: [] })
    expect(detected.orderNumber).toBeUndefined()
  })
})

describe('detectIntent: order intents without a number', () => {
  check([
    ['mana pesanan saya', { intent: 'track' }],
    ['udh dikirim blm kak?', { intent: 'track' }],
    ['sudah sampai?', { intent: 'track' }],
    ['lacak', { intent: 'track' }],
    ['cek status', { intent: 'track' }],
    ['where is my order', { intent: 'track' }],
    ['status pesanan', { intent: 'track' }],
    ['batalkan', { intent: 'cancel' }],
    ['cancel', { intent: 'cancel' }],
    ['batal', { intent: 'cancel' }],
    ['sudah terbayar', { intent: 'payment' }],
    ['sudah bayar belum', { intent: 'payment' }],
    ['kalau pembayarannya gimana?', { intent: 'payment' }],
    ['payment status', { intent: 'payment' }],
    ['cara bayar', { intent: 'how_to_pay' }],
    ['how do I pay', { intent: 'how_to_pay' }],
  ])
})

describe('detectIntent: summary and profile', () => {
  check([
    ['Tunjukkan history pesanan saya', { intent: 'summary' }],
    ['history pesanan', { intent: 'summary' }],
    ['Berapa total pesanan saya?', { intent: 'summary' }],
    ['total pesanan saya', { intent: 'summary' }],
    ['pesanan apa saja', { intent: 'summary' }],
    ['pesenan sy apa aja?', { intent: 'summary' }],
    ['riwayat belanja', { intent: 'summary' }],
    ['my orders', { intent: 'summary' }],
    ['Data akun saya apa aja?', { intent: 'profile' }],
    ['data akun saya', { intent: 'profile' }],
    ['profil saya', { intent: 'profile' }],
    ['my account', { intent: 'profile' }],
  ])
})

describe('detectIntent: stock and search', () => {
  check([
    [
      'Apakah Kaos Basic Crewneck ukuran M masih ada?',
      { intent: 'stock', productQuery: 'kaos basic crewneck', size: 'M' },
    ],
    ['Apakah Kaos Basic Crewneck ada stoknya?', { intent: 'stock', productQuery: 'kaos basic crewneck' }],
    ['dress midi floral masih dijual nggak?', { intent: 'stock', productQuery: 'dress midi floral' }],
    ['Berapa stok produk KEMEJA-001?', { intent: 'stock', productIds: ['KEMEJA-001'] }],
    ['stok kaos-001-m', { intent: 'stock', productIds: ['KAOS-001-M'] }],
    ['Do you have the denim jacket in size L?', { intent: 'stock', productQuery: 'denim jacket', size: 'L' }],
    ['kemeja linen ukuran L ready?', { intent: 'stock', productQuery: 'kemeja linen', size: 'L' }],
    ['celana chino uk 32 ada gak?', { intent: 'stock', productQuery: 'celana chino', size: '32' }],
    ['halo admin, stok kaos crewneck XL ada?', { intent: 'stock', productQuery: 'kaos crewneck', size: 'XL' }],
    ['jaketnya masih ada?', { intent: 'stock', productQuery: 'jaket' }],
    ['masih ada?', { intent: 'stock', productQuery: undefined }],
    ['ada stoknya', { intent: 'stock' }],
    ['stok', { intent: 'stock' }],
    ['masih dijual', { intent: 'stock' }],
    ['do you have', { intent: 'stock' }],
    ['apakah ada kemeja linen L?', { intent: 'stock', productQuery: 'kemeja linen', size: 'L', weak: true }],
    ['berapa harga kaos crewneck?', { intent: 'stock', productQuery: 'kaos crewneck', weak: true }],
    ['ada kaos apa aja', { intent: 'search', productQuery: 'kaos' }],
    ['cari celana', { intent: 'search', productQuery: 'celana' }],
    ['carikan kemeja linen', { intent: 'search', productQuery: 'kemeja linen' }],
    ['produk apa saja yang dijual?', { intent: 'search', productQuery: undefined }],
    ['I am looking for a jacket', { intent: 'search', productQuery: 'jacket' }],
  ])
})

describe('detectIntent: address change', () => {
  check([
    [
      'Ubah alamat pengiriman ORD-2025-004 ke Jl. Sudirman No. 5, Bandung 40111',
      { intent: 'address', orderNumber: 'ORD-2025-004', address: 'Jl. Sudirman No. 5, Bandung 40111' },
    ],
    [
      'ubah alamat ke Jl. Sudirman No. 5, Bandung 40111 untuk pesanan ORD-2025-004',
      { intent: 'address', orderNumber: 'ORD-2025-004', address: 'Jl. Sudirman No. 5, Bandung 40111' },
    ],
    [
      'ganti alamat ORD-2025-004 jadi Jl. Melati 7 RT 02/RW 03, Depok 16412.',
      { intent: 'address', orderNumber: 'ORD-2025-004', address: 'Jl. Melati 7 RT 02/RW 03, Depok 16412' },
    ],
    [
      'change the shipping address of ORD-2025-004 to Jl. Merdeka 10, Bogor 16111',
      { intent: 'address', orderNumber: 'ORD-2025-004', address: 'Jl. Merdeka 10, Bogor 16111' },
    ],
    [
      'alamat ORD-2025-004 salah: Jl. Kenanga 3, Bekasi 17111',
      { intent: 'address', address: 'Jl. Kenanga 3, Bekasi 17111' },
    ],
    ['ganti alamat ORD-2025-004', { intent: 'address', orderNumber: 'ORD-2025-004', address: undefined }],
  ])
})

describe('addressReply', () => {
  it.each([
    ['Jl. Melati 7, Depok 16412', 'Jl. Melati 7, Depok 16412'],
    ['alamatnya: Jl. Melati 7, Depok 16412.', 'Jl. Melati 7, Depok 16412'],
    ['ORD-2025-004 ke Jl. Sudirman No. 5, Bandung 40111', 'Jl. Sudirman No. 5, Bandung 40111'],
    ['Jl. Sudirman No. 5, Bandung 40111 untuk pesanan ORD-2025-004', 'Jl. Sudirman No. 5, Bandung 40111'],
    ['new address: 12 Jl. Kenanga, Bekasi 17111', '12 Jl. Kenanga, Bekasi 17111'],
  ])('%j → %j', (text, address) => {
    expect(addressReply(text)).toBe(address)
  })

  it.each(['ok', 'ORD-2025-004', 'ke rumah'])('%j is too short to be an address', (text) => {
    expect(addressReply(text)).toBeUndefined()
  })
})

describe('detectIntent: people, greetings, FAQ and the rest', () => {
  check([
    ['Saya mau bicara dengan CS manusia', { intent: 'human' }],
    ['bicara dengan CS manusia', { intent: 'human' }],
    ['admin', { intent: 'human' }],
    ['talk to a human', { intent: 'human' }],
    ['komplain', { intent: 'human' }],
    ['saya mau komplain pesanan ORD-2025-003', { intent: 'human' }],
    ['tolong sambungkan ke CS', { intent: 'human' }],
    ['halo kak', { intent: 'greeting' }],
    ['selamat pagi min', { intent: 'greeting' }],
    ['P', { intent: 'greeting' }],
    ['/start', { intent: 'greeting' }],
    ['help', { intent: 'greeting' }],
    ['apakah bisa kirim ke Papua?', { intent: 'faq', faqTopic: 'shipping-times' }],
    ['makasih kak', { intent: 'thanks' }],
    ['thank you!', { intent: 'thanks' }],
    ['ok sip', { intent: 'ack' }],
    ['Metode pembayaran apa saja yang tersedia?', { intent: 'faq', faqTopic: 'payment-methods' }],
    ['bisa bayar pakai gopay?', { intent: 'faq', faqTopic: 'payment-methods' }],
    ['bisa cod?', { intent: 'faq', faqTopic: 'payment-methods' }],
    ['gratis ongkir minimal belanja berapa?', { intent: 'faq', faqTopic: 'shipping-cost' }],
    ['berapa ongkir ke medan?', { intent: 'shipping_quote', quote: { destination: 'medan' } }],
    ['berapa lama pengiriman ke surabaya?', { intent: 'faq', faqTopic: 'shipping-times' }],
    ['how long does shipping to Bali take?', { intent: 'faq', faqTopic: 'shipping-times' }],
    ['kurirnya apa?', { intent: 'faq', faqTopic: 'couriers' }],
    ['mau retur barang ORD-2025-003', { intent: 'return_request', orderNumber: 'ORD-2025-003', returnRequest: {} }],
    ['bisa tukar ukuran?', { intent: 'return_request', returnRequest: { resolution: 'exchange' } }],
    ['tukar ke L', { intent: 'return_request', returnRequest: { resolution: 'exchange', wantedSize: 'L' } }],
    [
      'kekecilan mau tukar ukuran L',
      {
        intent: 'return_request',
        returnRequest: { resolution: 'exchange', wantedSize: 'L', reason: 'kekecilan mau tukar ukuran L' },
      },
    ],
    [
      'refund ORD-2025-006 barang cacat',
      {
        intent: 'return_request',
        orderNumber: 'ORD-2025-006',
        returnRequest: { resolution: 'refund', reason: 'refund barang cacat' },
      },
    ],
    ['I want to return my order', { intent: 'return_request', returnRequest: {} }],
    ['exchange for size L', { intent: 'return_request', returnRequest: { resolution: 'exchange', wantedSize: 'L' } }],
    ['status retur', { intent: 'return_status' }],
    ['status retur ORD-2025-006', { intent: 'return_status', orderNumber: 'ORD-2025-006' }],
    ['how is my return going?', { intent: 'return_status' }],
    ['bagaimana kebijakan retur?', { intent: 'faq', faqTopic: 'returns' }],
    ['bisa retur kalau kekecilan?', { intent: 'faq', faqTopic: 'returns' }],
    ['what is your return policy?', { intent: 'faq', faqTopic: 'returns' }],
    ['ukuran M kaos lebar dadanya berapa?', { intent: 'faq', faqTopic: 'size-guide' }],
    ['jam buka cs?', { intent: 'faq', faqTopic: 'hours' }],
    ['nomor wa cs berapa?', { intent: 'faq', faqTopic: 'contact' }],
    ['kenapa harus verifikasi?', { intent: 'faq', faqTopic: 'verification' }],
    ['verifikasi ORD-2025-001 7890', { intent: 'faq', faqTopic: 'verification' }],
    ['asdfgh qwerty', { intent: 'unknown' }],
    ['jaket denim', { intent: 'unknown', productQuery: 'jaket denim' }],
    ['kaos crewneck M', { intent: 'stock', productQuery: 'kaos crewneck', size: 'M', weak: true }],
    ['', { intent: 'unknown', orderNumbers: [] }],
  ])
})

describe('detectIntent: what customers actually write', () => {
  it.each([
    ['kaos hitam ukuran L ada?', { intent: 'stock', productQuery: 'kaos', size: 'L', colour: 'hitam' }],
    ['ada kaos ukuran M warna putih?', { intent: 'stock', productQuery: 'kaos', size: 'M', colour: 'putih' }],
    ['L black t-shirt?', { intent: 'stock', size: 'L', colour: 'hitam' }],
    ['jaket denim L ada?', { intent: 'stock', productQuery: 'jaket denim', size: 'L' }],
  ])('product, size and colour in any order: %j', (text, expected) => {
    expect(detectIntent(text)).toMatchObject(expected)
  })

  it.each([
    ['ongkir biasanya berapa?', 'shipping-cost'],
    ['How long does delivery to Medan take?', 'shipping-times'],
    ['kirim ke Bali berapa hari?', 'shipping-times'],
    ['kurir apa yang biasanya dipakai?', 'couriers'],
  ])('a general question stays general with an order in context: %j', (text, topic) => {
    expect(detectIntent(text, { lastOrderNumber: 'ORD-2025-001' })).toMatchObject({ intent: 'faq', faqTopic: topic })
  })

  it.each(['kapan sampainya?', 'berapa lama lagi?'])('a follow-up about the order in context uses it: %j', (text) => {
    expect(detectIntent(text, { lastOrderNumber: 'ORD-2025-001' })).toMatchObject({
      intent: 'track',
      orderNumber: 'ORD-2025-001',
      orderFromContext: true,
    })
  })

  it.each([
    ['resi JNE123456789 posisinya dimana?', 'JNE123456789'],
    ['where is waybill SCP1234567890?', 'SCP1234567890'],
    ['no resi 123456789012 sampai mana', '123456789012'],
  ])('a waybill: %j', (text, waybill) => {
    expect(detectIntent(text)).toMatchObject({ intent: 'waybill', waybill })
  })

  it('does not take a phone number for a waybill without a waybill word', () => {
    expect(detectIntent('nomor saya 081234567890').intent).not.toBe('waybill')
  })

  it.each([
    ['pesanan saya yang belum dibayar apa saja?', 'unpaid'],
    ['my unpaid orders', 'unpaid'],
    ['pesanan terakhir saya gimana?', 'last_order'],
    ['what about my last order?', 'last_order'],
    ['makasih kak', 'thanks'],
    ['oke siap', 'ack'],
    ['👍', 'ack'],
    ['got it, thank you', 'thanks'],
  ])('%j → %s', (text, intent) => {
    expect(detectIntent(text).intent).toBe(intent)
  })

  it('finds the question at the end of a long message, whatever comes before', () => {
    const filler = 'Cuaca di kota saya cerah sekali dan kucing saya tidur di teras rumah sepanjang siang. '
    const text = `Halo kak, selamat siang. ${filler.repeat(34)}Jadi pertanyaan saya: pesanan ORD-2025-001 sudah sampai mana?`
    expect(text.length).toBeGreaterThan(2900)
    expect(detectIntent(text)).toMatchObject({ intent: 'track', orderNumber: 'ORD-2025-001' })
    const question = `Halo! ${filler.repeat(30)}Berapa ongkir ke Medan?\n${filler.repeat(3)}`
    expect(detectIntent(question)).toMatchObject({ intent: 'shipping_quote', quote: { destination: 'Medan' } })
  })
})

describe("detectIntent: the shop's own order numbers", () => {
  const detect = (text: string, known: string[] = []) => detectIntent(text, { knownOrderNumbers: known })

  it.each([
    ['cek pesanan #5001', '5001'],
    ['pesanan 5001 sudah sampai mana?', '5001'],
    ['no. pesanan 5001 udah dikirim?', '5001'],
    ['nomor pesanan: 5001', '5001'],
    ['where is my order #1001?', '1001'],
    ['order no. 1001 status?', '1001'],
    ['#1001', '1001'],
  ])('%j tracks %s', (text, orderNumber) => {
    expect(detect(text)).toMatchObject({ intent: 'track', orderNumber, orderNumbers: [orderNumber] })
  })

  it('cancels, pays and changes the address of a shop number like any other', () => {
    expect(detect('batalkan pesanan #5001')).toMatchObject({ intent: 'cancel', orderNumber: '5001' })
    expect(detect('is order #1001 paid?')).toMatchObject({ intent: 'payment', orderNumber: '1001' })
    expect(detect('ubah alamat pesanan 5001 ke Jl. Melati No. 7, Depok 16412')).toMatchObject({
      intent: 'address',
      orderNumber: '5001',
      address: 'Jl. Melati No. 7, Depok 16412',
    })
  })

  it("reads a bare number as an order only when it is one of the customer's orders", () => {
    expect(detect('5001 udah dikirim belum?', ['5001'])).toMatchObject({ intent: 'track', orderNumber: '5001' })
    expect(detect('5001 udah dikirim belum?')).toMatchObject({ orderNumbers: [] })
    expect(detect('inv/2026/001 gimana kak?', ['INV/2026/001'])).toMatchObject({ orderNumber: 'INV/2026/001' })
  })

  it('never takes a postal code, a quantity or an amount for an order, even a known one', () => {
    const known = ['60111', '2', '5001']
    expect(detect('ongkir ke 60111 berapa?', known)).toMatchObject({
      intent: 'shipping_quote',
      orderNumbers: [],
      quote: { destination: '60111' },
    })
    expect(detect('kaos basic crewneck M ada 2 pcs?', known)).toMatchObject({ intent: 'stock', orderNumbers: [] })
    expect(detect('order 2 pcs kaos hitam')).toMatchObject({ orderNumbers: [] })
    expect(detect('pesanan 12 pcs')).toMatchObject({ orderNumbers: [] })
    expect(detect('ada yang harganya Rp 5001?', known)).toMatchObject({ orderNumbers: [] })
  })

  it("keeps ORD numbers beside the shop's own, in order", () => {
    expect(detect('lacak #ORD-2025-001 dan order #5001')).toMatchObject({
      intent: 'track',
      orderNumbers: ['ORD-2025-001', '5001'],
    })
  })

  it('quotes shipping for a shop order named by its word', () => {
    expect(detect('ongkir pesanan 5001 ke Surabaya?')).toMatchObject({
      intent: 'shipping_quote',
      quote: { destination: 'Surabaya', orderNumber: '5001' },
    })
  })
})
