/**
 * The one message catalog: every sentence a customer or a staff member reads, in Indonesian and English, and one
 * lookup, `t(locale, key, params)`. Keys are flat and dotted by area: a tool's replies ("track.title"), the core's
 * own sentences ("core.rateLimited"), the rule agent's ("agent.greeting"), Claude's ("claude.limitedMode"), each
 * channel's ("telegram.*", "discord.*", "whatsapp.*") and proactive messages ("notice.*"). Placeholders are
 * `{name}`, and `t()` checks their names at compile time.
 *
 * The sentences live in catalog/, one file per area. To add one: add the key to the area's `id` dictionary (the
 * source of truth for keys and placeholders), then to its `en` (the compiler refuses a missing key; a unit test
 * refuses different placeholders).
 *
 * @example t('id', 'track.title', { orderNumber: 'ORD-2025-001' }) // "📦 Status Pengiriman Pesanan ORD-2025-001"
 */
import { agentEn, agentId } from './catalog/agent.ts'
import { claudeEn, claudeId } from './catalog/claude.ts'
import { commerceEn, commerceId } from './catalog/commerce.ts'
import { consoleEn, consoleId } from './catalog/console.ts'
import { coreEn, coreId } from './catalog/core.ts'
import { discordEn, discordId } from './catalog/discord.ts'
import { notificationsEn, notificationsId } from './catalog/notifications.ts'
import { photosEn, photosId } from './catalog/photos.ts'
import { returnsEn, returnsId } from './catalog/returns.ts'
import { telegramEn, telegramId } from './catalog/telegram.ts'
import { toolsEn, toolsId } from './catalog/tools.ts'
import { whatsappEn, whatsappId } from './catalog/whatsapp.ts'
import type { Locale } from './format.ts'

const id = {
  ...toolsId,
  ...coreId,
  ...agentId,
  ...claudeId,
  ...telegramId,
  ...discordId,
  ...whatsappId,
  ...notificationsId,
  ...commerceId,
  ...consoleId,
  ...returnsId,
  ...photosId,
}

/** Every key of the catalog. */
export type MessageKey = keyof typeof id

const en: { readonly [K in MessageKey]: string } = {
  ...toolsEn,
  ...coreEn,
  ...agentEn,
  ...claudeEn,
  ...telegramEn,
  ...discordEn,
  ...whatsappEn,
  ...notificationsEn,
  ...commerceEn,
  ...consoleEn,
  ...returnsEn,
  ...photosEn,
}

/** The two dictionaries, for tests that list keys. */
export const messages: { readonly [L in Locale]: { readonly [K in MessageKey]: string } } = { id, en }

/** The `{name}` placeholders of a template literal type. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never

/** The parameters a message needs: `{ orderNumber: string | number }` for "Pesanan {orderNumber} ...". */
export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof id)[K]>, string | number>

type ParamsArg<K extends MessageKey> = [Placeholders<(typeof id)[K]>] extends [never] ? [] : [MessageParams<K>]

/** Fills `{name}` placeholders; a placeholder without a value stays visible. */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}

/** The sentence `key` in `locale` with its placeholders filled. */
export function t<K extends MessageKey>(locale: Locale, key: K, ...params: ParamsArg<K>): string {
  return interpolate(messages[locale][key], params[0])
}
