/**
 * Slash commands and button presses. Commands are dispatched by name from the explicit list; admin commands run
 * only for the admin role (checked here at run time, whatever the guild's command permissions say); slow ones
 * are deferred first. A button works only for the customer it was shown to (anyone else is refused
 * ephemerally, before anything runs): confirm/reject go to the core, the 1–5 rating after a hand-off to the
 * hand-off desk. One catch per handler: log, then a polite ephemeral apology.
 */
import {
  type ChannelType,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  PermissionFlagsBits,
} from 'discord.js'
import type { ConversationCore } from '../../src/core/conversation.ts'
import type { Locale } from '../../src/i18n/format.ts'
import { t } from '../../src/i18n/messages.ts'
import { parseRatingToken, type RatingOutcome } from '../../src/services/handoff-desk.ts'
import { type Command, type CommandContext, ephemeral, localeOf, type SlashInteraction } from './commands/command.ts'
import {
  type ButtonId,
  chatKeyOfInteraction,
  discordLocale,
  displayNameOf,
  formatChatKey,
  parseButtonId,
} from './normalize.ts'
import { renderReplies } from './render.ts'

/** The parts of a `ButtonInteraction` the adapter uses. */
export interface ButtonPress {
  readonly id: string
  readonly customId: string
  readonly user: { readonly id: string; readonly username: string; readonly globalName: string | null }
  readonly locale: string
  readonly guildId: string | null
  readonly channelId: string | null
  readonly channel: { readonly type: ChannelType; readonly parentId?: string | null } | null
  readonly deferred: boolean
  readonly replied: boolean
  reply(options: InteractionReplyOptions): Promise<unknown>
  update(options: InteractionUpdateOptions): Promise<unknown>
  editReply(options: InteractionEditReplyOptions): Promise<unknown>
  followUp(options: InteractionReplyOptions): Promise<unknown>
}

export interface InteractionDeps extends CommandContext {
  core: Pick<ConversationCore, 'handleWithTrace'>
  commands: readonly Command[]
  /** DISCORD_ADMIN_ROLE_ID; without it, admin commands need the Manage Server permission in `adminGuildId`. */
  adminRoleId?: string
  /** DISCORD_GUILD_ID: the shop's own server, the only one where admin commands count. */
  adminGuildId?: string
  now?: () => Date
}

export interface InteractionHandlers {
  slash(interaction: SlashInteraction): Promise<void>
  button(interaction: ButtonPress): Promise<void>
}

/** Who counts as an admin on Discord. */
export interface AdminRule {
  /** DISCORD_ADMIN_ROLE_ID. */
  roleId?: string
  /** DISCORD_GUILD_ID. */
  guildId?: string
}

/**
 * Whether the member may run admin commands. Only in the shop's own server: anyone can create a server of their
 * own, invite the bot and hold every permission there. With DISCORD_ADMIN_ROLE_ID the member needs that role (a
 * role id belongs to one server); without it, the Manage Server permission counts only in DISCORD_GUILD_ID, and
 * with neither set nobody is an admin on Discord. Never in DMs.
 */
export function isAdmin(
  interaction: Pick<SlashInteraction, 'guildId' | 'member' | 'memberPermissions'>,
  rule: AdminRule,
): boolean {
  if (!interaction.guildId || !interaction.member) return false
  if (rule.guildId && interaction.guildId !== rule.guildId) return false
  if (rule.roleId) {
    const roles = interaction.member.roles
    return 'cache' in roles ? roles.cache.has(rule.roleId) : roles.includes(rule.roleId)
  }
  if (!rule.guildId) return false
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false
}

const ratingAnswers: Record<
  Exclude<RatingOutcome, 'stored'>,
  'discord.ratingAlready' | 'discord.buttonNotYours' | 'discord.buttonUnknown'
> = {
  already_rated: 'discord.ratingAlready',
  not_yours: 'discord.buttonNotYours',
  not_found: 'discord.buttonUnknown',
  still_open: 'discord.buttonUnknown',
}

type Answerable = Pick<ButtonPress, 'deferred' | 'replied' | 'reply' | 'editReply' | 'followUp'>

/** An ephemeral message, whatever state the interaction is in. */
async function tell(interaction: Answerable, content: string): Promise<void> {
  const body = { content, allowedMentions: { parse: [] } }
  if (interaction.deferred && !interaction.replied) await interaction.editReply(body)
  else if (interaction.replied) await interaction.followUp({ ...body, flags: ephemeral })
  else await interaction.reply({ ...body, flags: ephemeral })
}

export function createInteractionHandlers(deps: InteractionDeps): InteractionHandlers {
  const byName = new Map(deps.commands.map((c) => [c.data.name, c]))
  const now = deps.now ?? (() => new Date())

  async function apologize(interaction: Answerable, locale: Locale, error: unknown, what: string) {
    deps.log.error({ err: error, channel: 'discord' }, `${what} failed`)
    await tell(interaction, t(locale, 'discord.somethingWrong')).catch((e: unknown) =>
      deps.log.warn({ err: e }, 'apology not delivered'),
    )
  }

  /** Confirm/reject: the core runs (or drops) the pending action; its answer follows the pressed message. */
  async function pressAction(interaction: ButtonPress, press: ButtonId, locale: Locale) {
    const chat = chatKeyOfInteraction(interaction)
    if (!chat) return tell(interaction, t(locale, 'discord.buttonUnknown'))
    // Acknowledge within Discord's 3 s and take the buttons away, so they cannot be pressed twice.
    await interaction.update({ components: [] })
    const { replies } = await deps.core.handleWithTrace({
      channel: 'discord',
      externalUserId: interaction.user.id,
      externalChatId: formatChatKey(chat),
      externalMessageId: `interaction:${interaction.id}`,
      text: '',
      displayName: displayNameOf(interaction.user),
      receivedAt: now(),
      action: press.action,
    })
    for (const payload of renderReplies(replies, { ownerUserId: interaction.user.id })) {
      await interaction.followUp({ ...payload, allowedMentions: { parse: [] } })
    }
  }

  /** A 1–5 rating after a hand-off, stored once by the desk. */
  async function pressRating(interaction: ButtonPress, rating: { handoffId: string; score: number }, locale: Locale) {
    const outcome = await deps.desk.rate(rating.handoffId, rating.score, {
      channel: 'discord',
      externalUserId: interaction.user.id,
    })
    if (outcome !== 'stored') return tell(interaction, t(locale, ratingAnswers[outcome]))
    await interaction.update({ content: t(locale, 'discord.ratingThanks', { rating: rating.score }), components: [] })
  }

  return {
    async slash(interaction) {
      const locale = localeOf(interaction)
      try {
        const command = byName.get(interaction.commandName)
        if (!command) return await tell(interaction, t(locale, 'discord.unknownCommand'))
        if (command.admin && !isAdmin(interaction, { roleId: deps.adminRoleId, guildId: deps.adminGuildId })) {
          deps.log.warn(
            { userId: interaction.user.id, guildId: interaction.guildId, command: command.data.name },
            'admin command refused',
          )
          return await tell(interaction, t(locale, 'discord.adminOnly'))
        }
        if (command.defer) await interaction.deferReply({ flags: ephemeral })
        await command.execute(interaction, deps)
      } catch (error) {
        await apologize(interaction, locale, error, `/${interaction.commandName}`)
      }
    },

    async button(interaction) {
      const locale = discordLocale(interaction.locale)
      try {
        const press = parseButtonId(interaction.customId)
        if (!press) return await tell(interaction, t(locale, 'discord.buttonUnknown'))
        if (press.ownerUserId !== interaction.user.id) {
          deps.log.warn({ userId: interaction.user.id }, 'button pressed by someone else refused')
          return await tell(interaction, t(locale, 'discord.buttonNotYours'))
        }
        const rating = parseRatingToken(press.action.token)
        if (rating) return await pressRating(interaction, rating, locale)
        await pressAction(interaction, press, locale)
      } catch (error) {
        await apologize(interaction, locale, error, 'button press')
      }
    },
  }
}
