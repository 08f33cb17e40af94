/**
 * `/unlock order:<order>` (admins): lifts the verification lock of an order number and of its customer, after too
 * many wrong tries, when the real customer asks staff for access. Audited as the admin.
 */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import { t } from '../../../src/i18n/messages.ts'
import { OrderNotFound } from '../../../src/services/errors.ts'
import { customerOrderNumber } from '../../../src/services/order-number.ts'
import { adminActor, type Command, localeOf, respond, stringOption } from './command.ts'

export const unlockCommand = {
  data: new SlashCommandBuilder()
    .setName('unlock')
    .setDescription('Lift the verification lock of an order and its customer (admins)')
    .setDescriptionLocalizations({ id: 'Buka kunci verifikasi pesanan dan pelanggannya (admin)' })
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName('order')
        .setDescription('Order number, e.g. ORD-2025-001, 5001 or #1001')
        .setRequired(true)
        .setMaxLength(64),
    ),
  admin: true,
  defer: true,
  async execute(interaction, ctx) {
    const locale = localeOf(interaction)
    const written = stringOption(interaction, 'order') ?? ''
    const orderNumber = customerOrderNumber(written)
    if (!orderNumber) return respond(interaction, t(locale, 'discord.verifyBadOrder'))
    try {
      const result = await ctx.services.crm.clearVerificationLimits(orderNumber, adminActor(interaction))
      const params = { orderNumber: result.orderNumber, customer: result.customerName }
      await respond(
        interaction,
        t(locale, result.cleared > 0 ? 'discord.unlock.done' : 'discord.unlock.nothing', params),
      )
    } catch (error) {
      if (error instanceof OrderNotFound) {
        return respond(interaction, t(locale, 'discord.unlock.orderNotFound', { orderNumber }))
      }
      throw error
    }
  },
} satisfies Command
