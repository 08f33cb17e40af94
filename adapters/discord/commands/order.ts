/**
 * `/order number:<order>`: one of the verified customer's own orders (another customer's order reads as "not
 * found"), with a tracking-page button when it has shipped. Ephemeral.
 */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js'
import { createDirectTools } from '../../../src/core/direct-tools.ts'
import { t } from '../../../src/i18n/messages.ts'
import { customerOrderNumber } from '../../../src/services/order-number.ts'
import { getOrder } from '../../../tools/index.ts'
import { renderReplies } from '../render.ts'
import { type Command, localeOf, respond, stringOption } from './command.ts'

export const orderCommand = {
  data: new SlashCommandBuilder()
    .setName('order')
    .setDescription('Show one of your orders')
    .setDescriptionLocalizations({ id: 'Tampilkan salah satu pesanan Anda' })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o
        .setName('number')
        .setDescription('Order number, e.g. ORD-2025-001, 5001 or #1001')
        .setRequired(true)
        .setMaxLength(64),
    ),
  admin: false,
  defer: false,
  async execute(interaction, ctx) {
    const locale = localeOf(interaction)
    const input = stringOption(interaction, 'number') ?? ''
    const orderNumber = customerOrderNumber(input)
    if (!orderNumber) return respond(interaction, t(locale, 'discord.verifyBadOrder'))
    const identity = await ctx.services.crm.resolveIdentity('discord', interaction.user.id)
    if (!identity.customer) return respond(interaction, t(locale, 'discord.orderNeedsVerify'))
    const { reply } = await createDirectTools({ services: ctx.services }).call(
      getOrder,
      { identity, customer: identity.customer },
      { orderNumber },
      { locale, log: ctx.log },
    )
    await respond(interaction, renderReplies([reply]))
  },
} satisfies Command
