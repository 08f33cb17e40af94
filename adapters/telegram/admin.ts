/**
 * Admin commands on Telegram (DESIGN §1: they call services directly, never the model). Only the user ids in
 * ADMIN_TELEGRAM_IDS may run them, checked on every call (command scopes only change what Telegram suggests);
 * anyone else gets "not allowed" and nothing changes. Every command answers a usage line on bad arguments.
 *
 * | command                                   | does                                          |
 * |-------------------------------------------|-----------------------------------------------|
 * | /stock <SKU\|product id> [qty] [reason]    | show stock, or set a SKU's count (audited)    |
 * | /lowstock                                 | products running low or sold out              |
 * | /ship <order> <status> [location…]        | shipping status; the customer is notified     |
 * | /order <order>                            | the full order with customer and payment      |
 * | /handoffs                                 | open hand-offs                                |
 * | /reply <handoff id> <text>                | answer the customer on their channel          |
 * | /close <handoff id>                       | close; the customer is asked for a rating     |
 * | /unlock <order>                           | lift a verification lock (order and customer) |
 * | /return [number \| step number …]          | returns and exchanges: list, show, act        |
 * | /cod                                      | COD orders the customer has not confirmed     |
 */
import { type Api, Composer, type Context, InputFile } from 'grammy'
import type { BotCommand } from 'grammy/types'
import type { Locale } from '../../src/i18n/format.ts'
import { t } from '../../src/i18n/messages.ts'
import type { Logger } from '../../src/logger.ts'
import { isDomainError } from '../../src/services/errors.ts'
import { type CodCommandDeps, codCommand } from './admin-cod.ts'
import { closeCommand, type HandoffCommandDeps, handoffsCommand, replyCommand } from './admin-handoffs.ts'
import { type OrderCommandDeps, orderCommand, shipCommand } from './admin-order-commands.ts'
import { type ReturnCommandDeps, returnCommand } from './admin-returns.ts'
import { lowStockCommand, type StockCommandDeps, stockCommand } from './admin-stock.ts'
import type { AdminInput, AdminReply } from './admin-types.ts'
import { type UnlockCommandDeps, unlockCommand } from './admin-verification.ts'
import { localeHint } from './normalize.ts'
import { sendReplies } from './send.ts'

export type AdminCommandDeps = StockCommandDeps &
  OrderCommandDeps &
  HandoffCommandDeps &
  UnlockCommandDeps &
  ReturnCommandDeps &
  CodCommandDeps & {
    /** Telegram user ids allowed to run admin commands. */
    adminIds: readonly string[]
    log: Logger
  }

type Handler = (deps: AdminCommandDeps, input: AdminInput) => Promise<AdminReply>

/** The admin commands in the order Telegram lists them. */
export const adminCommands = [
  ['stock', stockCommand],
  ['lowstock', lowStockCommand],
  ['ship', shipCommand],
  ['order', orderCommand],
  ['return', returnCommand],
  ['cod', codCommand],
  ['handoffs', handoffsCommand],
  ['reply', replyCommand],
  ['close', closeCommand],
  ['unlock', unlockCommand],
] as const satisfies readonly (readonly [string, Handler])[]

/** The command menu Telegram shows: /start for everyone, plus the admin commands in admin chats. */
export function commandMenu(locale: Locale, withAdmin: boolean): BotCommand[] {
  const start = { command: 'start', description: t(locale, 'telegram.commands.start') }
  if (!withAdmin) return [start]
  return [
    start,
    ...adminCommands.map(([name]) => ({
      command: name,
      description: t(locale, `telegram.admin.commands.${name}`),
    })),
  ]
}

/**
 * Registers the command menus (called at start, never at module load): /start by default, the admin commands in
 * the admin chat and in each admin's private chat. A chat Telegram does not know yet (an admin who never opened
 * the bot) is logged and skipped.
 */
export async function registerCommandMenus(
  api: Api,
  options: { adminIds: readonly string[]; adminChatId?: string; log: Logger },
): Promise<void> {
  const calls: [string, () => Promise<unknown>][] = [
    ['default', () => api.setMyCommands(commandMenu('id', false))],
    ['default en', () => api.setMyCommands(commandMenu('en', false), { language_code: 'en' })],
  ]
  const adminChats = [...new Set([options.adminChatId, ...options.adminIds].filter((id): id is string => !!id))]
  for (const chatId of adminChats) {
    calls.push([
      `chat ${chatId}`,
      () => api.setMyCommands(commandMenu('id', true), { scope: { type: 'chat', chat_id: chatId } }),
    ])
  }
  for (const [scope, call] of calls) {
    try {
      await call()
    } catch (error) {
      options.log.warn({ err: error, scope }, 'telegram command menu not set')
    }
  }
}

/** The admin command handlers, each behind the authorization check. */
export function createAdminCommands(deps: AdminCommandDeps): Composer<Context> {
  const composer = new Composer<Context>()
  const allowed = new Set(deps.adminIds.map(String))
  for (const [name, handler] of adminCommands) {
    composer.command(name, async (ctx) => {
      const from = ctx.from
      const chatId = ctx.chat?.id
      if (!from || chatId === undefined) return
      const locale = localeHint(from.language_code) ?? 'id'
      const replyTo = ctx.chat?.type === 'private' ? undefined : ctx.msg?.message_id
      if (!allowed.has(String(from.id))) {
        deps.log.warn({ command: name, userId: from.id }, 'admin command refused')
        await sendReplies(ctx.api, chatId, [{ text: t(locale, 'telegram.admin.notAllowed') }], locale, { replyTo })
        return
      }
      const input: AdminInput = { args: String(ctx.match ?? '').trim(), actor: `admin:telegram:${from.id}`, locale }
      deps.log.info({ command: name, userId: from.id }, 'admin command')
      let reply: AdminReply
      try {
        reply = await handler(deps, input)
      } catch (error) {
        deps.log.error({ err: error, command: name }, 'admin command failed')
        reply = {
          text: isDomainError(error)
            ? `${t(locale, 'telegram.admin.failed')} (${error.code})`
            : t(locale, 'telegram.admin.failed'),
        }
      }
      const { photos, ...text } = reply
      await sendReplies(ctx.api, chatId, [text], locale, { replyTo })
      for (const [i, photo] of (photos ?? []).entries()) {
        const extension = photo.mime.split('/')[1] ?? 'jpg'
        try {
          await ctx.api.sendPhoto(chatId, new InputFile(photo.data, `photo-${i + 1}.${extension}`))
        } catch (error) {
          deps.log.warn({ err: error, command: name }, 'admin photo not sent')
        }
      }
    })
  }
  return composer
}
