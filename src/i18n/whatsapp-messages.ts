/**
 * The sentences the WhatsApp adapter says itself (media it cannot read, the list button, ratings, a message whose
 * handling was cut short), in Indonesian and English. `id` is the source of truth for keys and placeholders, and
 * `whatsappText` checks placeholder names at compile time.
 *
 * @example whatsappText('en', 'ratingThanks', { score: 5 })
 */
import type { Locale } from './format.ts'
import { interpolate } from './messages.ts'

const id = {
  textOnly:
    'Maaf, saat ini saya hanya bisa membaca pesan teks (belum bisa membuka foto, suara, dokumen, stiker, atau lokasi). Silakan tulis pertanyaan Anda ya 🙏',
  resendPlease: 'Maaf, pesan Anda sebelumnya belum sempat saya jawab karena kendala sistem. Boleh dikirim ulang?',
  listButton: 'Pilih',
  buttonUnknown: 'Tombol ini sudah tidak berlaku.',
  ratingThanks: '🙏 Terima kasih atas penilaian {score}/5! Ada lagi yang bisa saya bantu?',
  ratingAlready: 'Penilaian untuk percakapan ini sudah kami terima sebelumnya. Terima kasih!',
  ratingRefused: 'Penilaian ini tidak berlaku untuk akun Anda.',
} as const satisfies Record<string, string>

/** Every key of the WhatsApp adapter's sentences. */
export type WhatsAppMessageKey = keyof typeof id

const en: { readonly [K in WhatsAppMessageKey]: string } = {
  textOnly:
    'Sorry, for now I can only read text messages (not photos, voice notes, documents, stickers or locations). Please type your question 🙏',
  resendPlease: 'Sorry, I could not answer your previous message because of a system problem. Could you send it again?',
  listButton: 'Choose',
  buttonUnknown: 'This button is no longer valid.',
  ratingThanks: '🙏 Thank you for rating us {score}/5! Is there anything else I can help with?',
  ratingAlready: 'We have already received your rating for this conversation. Thank you!',
  ratingRefused: 'This rating does not belong to your account.',
}

/** Both dictionaries, for tests. */
export const whatsappMessages: { readonly [L in Locale]: { readonly [K in WhatsAppMessageKey]: string } } = { id, en }

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never
type ParamsArg<K extends WhatsAppMessageKey> = [Placeholders<(typeof id)[K]>] extends [never]
  ? []
  : [Record<Placeholders<(typeof id)[K]>, string | number>]

/** The WhatsApp sentence `key` in `locale` with its `{placeholders}` filled. */
export function whatsappText<K extends WhatsAppMessageKey>(locale: Locale, key: K, ...params: ParamsArg<K>): string {
  return interpolate(whatsappMessages[locale][key], params[0])
}
