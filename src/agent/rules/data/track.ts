/** Where an order is: tracking, shipping, arrival; and the words that name a waybill. */
import { cancelledWords } from './cancel.ts'
import type { KeywordSet } from './keyword-set.ts'

export const trackWords: KeywordSet = {
  id: [
    'lacak',
    'melacak',
    'status',
    'dikirim',
    'kirim',
    'terkirim',
    'sampai',
    'tiba',
    'diterima',
    'resi',
    'posisi',
    'paket',
    'pengiriman',
    'estimasi',
    'proses',
    'diproses',
    'mana',
    'cek pesanan',
    'cek order',
    'kapan',
    'kurir',
    ...cancelledWords.id,
  ],
  en: [
    'track',
    'tracking',
    'trace',
    'waybill',
    'shipping',
    'shipment',
    'shipped',
    'delivered',
    'delivery',
    'arrive',
    'arrived',
    'eta',
    'progress',
    'where is',
    'where s',
    'wheres',
    'check order',
    'when will',
    'courier',
    ...cancelledWords.en,
  ],
}

/** Words that say the number next to them is a waybill ("resi JNE123456789"). */
export const waybillWords: KeywordSet = {
  id: ['resi', 'no resi', 'nomor resi'],
  en: ['waybill', 'tracking number', 'awb'],
}
