/**
 * `/handoff list|reply|close` (admins): the open hand-offs with the customer's last words, a staff answer for the
 * customer, and closing. Answers and the 1–5 rating request after closing go through the hand-off desk
 * (src/services/handoff-desk.ts): queued, and delivered by the outbox on whatever channel the customer wrote
 * from; the answer is also kept in the conversation.
 */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import { formatDateTime, type Locale } from '../../../src/i18n/format.ts'
import { t } from '../../../src/i18n/messages.ts'
import { InvalidInput } from '../../../src/services/errors.ts'
import {
  adminActor,
  type Command,
  type CommandContext,
  localeOf,
  respond,
  type SlashInteraction,
  stringOption,
} from './command.ts'

const listLimit = 15
const previewChars = 120
const maxReplyChars = 1800

/** Customer words shown to staff: one line, without markdown that could pose as ours (bold, links). */
function preview(text: string, max = previewChars): string {
  const flat = text
    .replace(/\s+/g, ' ')
    .replace(/[*[\]]/g, '')
    .trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

async function list(interaction: SlashInteraction, ctx: CommandContext, locale: Locale) {
  const open = await ctx.handoffs.list({ status: 'OPEN', limit: listLimit })
  if (open.length === 0) return respond(interaction, t(locale, 'discord.handoff.listNone'))
  const lines = [t(locale, 'discord.handoff.listTitle', { count: open.length })]
  for (const h of open) {
    lines.push(
      t(locale, 'discord.handoff.listLine', {
        id: h.id,
        channel: h.conversation.channel,
        customer: h.customer ? `${h.customer.name} (${h.customer.id})` : t(locale, 'discord.handoff.unknownCustomer'),
        reason: preview(h.reason, 60),
        openedAt: formatDateTime(h.openedAt, locale),
      }),
    )
    const last = (await ctx.handoffs.messages(h.id)).filter((m) => m.role === 'user').at(-1)
    if (last) lines.push(t(locale, 'discord.handoff.listLast', { text: preview(last.text) }))
  }
  await respond(interaction, lines.join('\n'))
}

async function reply(interaction: SlashInteraction, ctx: CommandContext, locale: Locale, id: string) {
  const text = stringOption(interaction, 'text')
  if (!text) return respond(interaction, t(locale, 'discord.missingOption', { option: 'text' }))
  if (text.length > maxReplyChars) {
    return respond(interaction, t(locale, 'discord.invalidOption', { option: 'text', reason: `≤ ${maxReplyChars}` }))
  }
  let target: Awaited<ReturnType<CommandContext['desk']['reply']>>
  try {
    target = await ctx.desk.reply(id, text, adminActor(interaction))
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error
    return respond(interaction, t(locale, 'discord.invalidOption', { option: 'text', reason: error.message }))
  }
  if (!target) return respond(interaction, t(locale, 'discord.handoff.notFound', { id: preview(id, 64) }))
  ctx.notify?.()
  await respond(interaction, t(locale, 'discord.handoff.replyQueued', { channel: target.channel }))
}

async function close(interaction: SlashInteraction, ctx: CommandContext, locale: Locale, id: string) {
  const closed = await ctx.handoffs.close(id, { actor: adminActor(interaction) })
  if (!closed) return respond(interaction, t(locale, 'discord.handoff.notFound', { id: preview(id, 64) }))
  await ctx.desk.requestRating(closed.id)
  ctx.notify?.()
  await respond(interaction, t(locale, 'discord.handoff.closed', { id: closed.id }))
}

export const handoffCommand = {
  data: new SlashCommandBuilder()
    .setName('handoff')
    .setDescription('Conversations handed to staff (admins)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) => s.setName('list').setDescription('Open hand-offs, newest first'))
    .addSubcommand((s) =>
      s
        .setName('reply')
        .setDescription('Answer the customer of a hand-off on their channel')
        .addStringOption((o) => o.setName('id').setDescription('Hand-off id').setRequired(true).setMaxLength(64))
        .addStringOption((o) =>
          o.setName('text').setDescription('Your answer').setRequired(true).setMaxLength(maxReplyChars),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('close')
        .setDescription('Close a hand-off; the customer is asked for a 1–5 rating')
        .addStringOption((o) => o.setName('id').setDescription('Hand-off id').setRequired(true).setMaxLength(64)),
    ),
  admin: true,
  defer: true,
  async execute(interaction, ctx) {
    const locale = localeOf(interaction)
    const sub = interaction.options.getSubcommand()
    if (sub === 'list') return list(interaction, ctx, locale)
    if (sub !== 'reply' && sub !== 'close') return respond(interaction, t(locale, 'discord.unknownCommand'))
    const id = stringOption(interaction, 'id')
    if (!id) return respond(interaction, t(locale, 'discord.missingOption', { option: 'id' }))
    if (sub === 'reply') return reply(interaction, ctx, locale, id)
    await close(interaction, ctx, locale, id)
  },
} satisfies Command
