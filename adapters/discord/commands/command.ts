/**
 * The shape of a slash command (one file each: `data` builder + `execute`, typed with `satisfies Command`), the
 * parts of a discord.js interaction the commands use (a real `ChatInputCommandInteraction` fits, and tests pass
 * typed fakes that record their calls), and the helpers every command shares.
 */
import {
  type InteractionDeferReplyOptions,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js'
import type { Locale } from '../../../src/i18n/format.ts'
import { t } from '../../../src/i18n/messages.ts'
import type { Logger } from '../../../src/logger.ts'
import { InsufficientStock, InvalidInput, isDomainError, ProductNotFound } from '../../../src/services/errors.ts'
import type { HandoffDesk } from '../../../src/services/handoff-desk.ts'
import type { Handoffs } from '../../../src/services/handoffs.ts'
import type { Services } from '../../../src/services/index.ts'
import type { LowStockWatcher } from '../../../src/services/notifications/low-stock.ts'
import { discordLocale } from '../normalize.ts'
import { type DiscordPayload, splitMessage } from '../render.ts'

/** A member's roles as interactions carry them: cached (`GuildMember`) or raw (API member). */
export type InteractionMember = {
  readonly roles: readonly string[] | { readonly cache: { has(id: string): boolean } }
}

/** The options of a slash command interaction. */
export interface SlashOptions {
  getSubcommand(required?: boolean): string | null
  getString(name: string, required?: boolean): string | null
  getInteger(name: string, required?: boolean): number | null
}

/** The parts of a `ChatInputCommandInteraction` the adapter uses. */
export interface SlashInteraction {
  readonly id: string
  readonly commandName: string
  readonly user: { readonly id: string; readonly username: string; readonly globalName: string | null }
  readonly guildId: string | null
  readonly locale: string
  readonly member: InteractionMember | null
  readonly memberPermissions: { has(permission: bigint): boolean } | null
  readonly options: SlashOptions
  readonly deferred: boolean
  readonly replied: boolean
  reply(options: InteractionReplyOptions): Promise<unknown>
  deferReply(options?: InteractionDeferReplyOptions): Promise<unknown>
  editReply(options: InteractionEditReplyOptions): Promise<unknown>
  followUp(options: InteractionReplyOptions): Promise<unknown>
}

/** What commands receive besides the interaction. */
export interface CommandContext {
  services: Services
  handoffs: Pick<Handoffs, 'list' | 'messages' | 'close'>
  /** Staff answers and rating requests, queued for the outbox (which reaches the customer on any channel). */
  desk: Pick<HandoffDesk, 'reply' | 'requestRating' | 'rate'>
  /** Queues a staff alert when a stock change leaves a product low or sold out. */
  lowStock?: Pick<LowStockWatcher, 'afterStockChange'>
  /** Kicks the outbox after something was queued. */
  notify?: () => void
  log: Logger
}

export interface Command {
  /** The builder; `toJSON()` is what registration sends. */
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody }
  /** Admin commands run only for DISCORD_ADMIN_ROLE_ID (or Manage Server when no role is configured). */
  admin: boolean
  /** Slow commands are deferred (ephemerally) before `execute`, so the 3-second limit never bites. */
  defer: boolean
  execute(interaction: SlashInteraction, ctx: CommandContext): Promise<void>
}

export const ephemeral = MessageFlags.Ephemeral

export function localeOf(interaction: { locale: string }): Locale {
  return discordLocale(interaction.locale)
}

/** `admin:discord:<user id>`, the actor written to audit rows. */
export function adminActor(interaction: { user: { id: string } }): string {
  return `admin:discord:${interaction.user.id}`
}

/**
 * Answers ephemerally: the first message as the reply (or the edit of the deferred one), the rest as follow-ups.
 * Long text is split under Discord's limit; buttons stay on the last piece of their message.
 */
export async function respond(
  interaction: SlashInteraction,
  message: string | DiscordPayload | readonly DiscordPayload[],
): Promise<void> {
  const payloads = typeof message === 'string' ? [{ content: message }] : Array.isArray(message) ? message : [message]
  const pieces = payloads.flatMap((payload: DiscordPayload) => {
    const parts = splitMessage(payload.content)
    return parts.map((content, i) =>
      i === parts.length - 1 && payload.components ? { ...payload, content } : { content },
    )
  })
  for (const [i, piece] of pieces.entries()) {
    const body = { ...piece, allowedMentions: { parse: [] } }
    if (i > 0) await interaction.followUp({ ...body, flags: ephemeral })
    else if (interaction.deferred || interaction.replied) await interaction.editReply(body)
    else await interaction.reply({ ...body, flags: ephemeral })
  }
}

/** A string option, trimmed; null when missing or blank. */
export function stringOption(interaction: SlashInteraction, name: string): string | null {
  return interaction.options.getString(name)?.trim() || null
}

/**
 * Domain errors an admin can act on, as a clear sentence; null for anything else (a bug or an outage, which the
 * interaction handler logs and apologises for).
 */
export function adminErrorText(error: unknown, locale: Locale): string | null {
  if (!isDomainError(error)) return null
  if (error instanceof InvalidInput) {
    return t(locale, 'discord.invalidOption', {
      option: error.field,
      reason: String(error.details.reason ?? error.message),
    })
  }
  if (error instanceof ProductNotFound) return t(locale, 'discord.stock.notFound', { sku: error.productId })
  if (error instanceof InsufficientStock) {
    return t(locale, 'discord.stock.insufficient', {
      sku: error.sku,
      available: error.available,
      requested: error.requested,
    })
  }
  return null
}
