/**
 * The rule agent's reading of a message: the matcher (rules/detect.ts) over keyword data kept apart
 * (rules/data/*.ts), and the slot extractors (rules/slots.ts). This module is their one entry point.
 */
import { backToBotWords } from './rules/data/human.ts'
import { Words } from './rules/words.ts'
import { normalizeWords } from './text-normalize.ts'

export {
  type DetectedIntent,
  detectIntent,
  type FaqTopic,
  type Intent,
  type IntentContext,
  orderIntents,
} from './rules/detect.ts'
export { addressReply, extractOrderNumbers } from './rules/slots.ts'

/** Whether a customer waiting for a person asks for the bot back ("kembali ke bot", "back to the bot"). */
export function wantsBot(text: string): boolean {
  return new Words(normalizeWords(text)).any(backToBotWords)
}
