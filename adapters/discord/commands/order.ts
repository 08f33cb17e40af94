/**
 * `/order number:<order>`: one of the verified customer's own orders (another customer's order reads as "not
 * found"), with a tracking-page button when it has shipped. Ephemeral.
 */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js'
import type { ReplyButton } from '../../../src/core/types.ts'
import { t } from '../../../src/i18n/messages.ts'
import { OrderNotFound } from '../../../src/services/errors.ts'
import { normalizeOrderNumber } from '../../../src/services/order-number.ts'
import { renderReplies } from '../render.ts'
import { type Command, localeOf, respond, stringOption } from './command.ts'

export const orderCommand = {
  data: new SlashCommandBuilder()
    .setName('order')
    .setDescription('Show one of your orders')
    .setDescriptionLocalizations({ id: 'Tampilkan salah satu pesanan Anda' })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o.setName('number').setDescription('Order number, e.g. ORD-2025-001').setRequired(true).setMaxLength(64),
    ),
  admin: false,
  defer: false,
  async execute(interaction, ctx) {
    const locale = localeOf(interaction)
    const input = stringOption(interaction, 'number') ?? ''
    const orderNumber = normalizeOrderNumber(input)
    if (!orderNumber) return respond(interaction, t(locale, 'discord.verifyBadOrder'))
    const identity = await ctx.services.crm.resolveIdentity('discord', interaction.user.id)
    if (!identity.customerId) return respond(interaction, t(locale, 'discord.orderNeedsVerify'))

    try {
      const order = await ctx.services.orders.getOrderByNumber(identity.customerId, orderNumber)
      const buttons: ReplyButton[] = []
      if (order.shipping) {
        try {
          const url = ctx.services.shipping.getTrackingUrl(order.shipping.trackingNumber, order.shipping.carrier)
          buttons.push({ label: t(locale, 'track.button'), action: { url } })
        } catch (error) {
          ctx.log.debug({ err: error, orderNumber }, 'no tracking page for this carrier')
        }
      }
      const text = ctx.services.orders.formatOrderForChat(order, locale)
      await respond(interaction, renderReplies([{ text, buttons }]))
    } catch (error) {
      if (error instanceof OrderNotFound)
        return respond(interaction, t(locale, 'common.orderNotFound', { orderNumber }))
      throw error
    }
  },
} satisfies Command
