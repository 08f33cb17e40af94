/**
 * Shipping-cost questions that name a destination ("ongkir ke Surabaya berapa kak?", "shipping cost to 60111"):
 * they go to quote_shipping. The words are matched after normalizing ("ongkir" reads as "ongkos kirim"); the
 * place and product are read from the message as written (../quote-slots.ts) with the lists below.
 */
import type { KeywordSet } from './keyword-set.ts'

/** A question about the cost of sending a parcel. Without a destination it is left to the FAQ answer. */
export const shippingCostWords: KeywordSet = {
  id: ['ongkos kirim', 'ongkos pengiriman', 'biaya kirim', 'biaya pengiriman'],
  en: [
    'shipping cost',
    'shipping costs',
    'shipping fee',
    'shipping fees',
    'shipping price',
    'shipping rate',
    'shipping rates',
    'delivery cost',
    'delivery costs',
    'delivery fee',
    'delivery fees',
    'delivery charge',
    'delivery charges',
    'cost to ship',
    'how much is shipping',
    'how much is delivery',
    'how much to ship',
  ],
}

/** Words that introduce the destination ("ke Surabaya", "to Medan", "tujuan Depok"). */
export const placeLeadWords: KeywordSet = {
  id: ['ke', 'kirim ke', 'dikirim ke', 'tujuan', 'daerah'],
  en: ['to', 'destination'],
}

/** Words after which the destination has ended ("ke Surabaya berapa kak?", "to Bali for 2 kg please"). */
export const placeEndWords: KeywordSet = {
  id: [
    'berapa',
    'brp',
    'brapa',
    'ya',
    'yaa',
    'dong',
    'kak',
    'kk',
    'gan',
    'sis',
    'min',
    'untuk',
    'utk',
    'buat',
    'pakai',
    'pake',
    'kalau',
    'kalo',
    'ongkirnya',
    'ongkosnya',
  ],
  en: ['how much', 'for', 'with', 'if', 'please', 'pls', 'thanks', 'thank'],
}

/** Words around the product in a quote question that name neither product nor place. */
export const quoteFillerWords: KeywordSet = {
  id: [
    'berapa',
    'brp',
    'brapa',
    'berapaan',
    'kira',
    'kisaran',
    'dong',
    'kak',
    'ka',
    'kk',
    'gan',
    'sis',
    'min',
    'ya',
    'yah',
    'yaa',
    'nya',
    'sih',
    'nih',
    'deh',
    'untuk',
    'utk',
    'buat',
    'kirim',
    'pengiriman',
    'dikirim',
    'paket',
    'barang',
    'cek',
    'harga',
    'total',
    'sampai',
    'sampe',
    'ke',
    'ongkir',
    'ongkos',
    'biaya',
    'dan',
  ],
  en: [
    'the',
    'a',
    'an',
    'of',
    'for',
    'is',
    'what',
    'how',
    'much',
    'please',
    'pls',
    'shipping',
    'delivery',
    'cost',
    'costs',
    'fee',
    'fees',
    'price',
    'rate',
    'rates',
    'charge',
    'to',
    'and',
  ],
}
