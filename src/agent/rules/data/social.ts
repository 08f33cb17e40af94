/** Greetings, thanks and short acknowledgements. */
import type { KeywordSet } from './keyword-set.ts'

export const greetingWords: KeywordSet = {
  id: [
    'halo',
    'hallo',
    'helo',
    'hai',
    'hei',
    'pagi',
    'siang',
    'sore',
    'malam',
    'selamat',
    'assalamualaikum',
    'permisi',
  ],
  // Asking what the bot can do is answered by the greeting's list; "/start" is Telegram's first message.
  en: ['hi', 'hello', 'hey', 'good morning', 'good afternoon', 'good evening', 'help', 'menu', 'start'],
}

/** Asking for help in Indonesian: also answered by the greeting's list. */
export const helpWords: KeywordSet = { id: ['bantuan', 'mulai'], en: [] }

export const thanksWords: KeywordSet = {
  id: ['terima kasih', 'tengkyu', 'suwun', 'makasih'],
  en: ['thanks', 'thank', 'thankyou', 'thank you', 'cheers', 'appreciate'],
}

/** A whole message of these (up to three words) is an acknowledgement. */
export const ackWords: KeywordSet = {
  id: [
    'oke',
    'okey',
    'sip',
    'siap',
    'baik',
    'mantap',
    'mantab',
    'oh',
    'begitu',
    'paham',
    'mengerti',
    'jelas',
    'ya',
    'iya',
    'yup',
  ],
  en: [
    'ok',
    'okay',
    'noted',
    'alright',
    'great',
    'cool',
    'got',
    'it',
    'understood',
    'nice',
    'perfect',
    'good',
    'fine',
    'sure',
    'yes',
  ],
}
