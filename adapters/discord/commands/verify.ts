/**
 * `/verify order:<order> phone_last4:<digits>`: links the Discord user to the customer who owns the order
 * (crm.verifyByOrderAndPhone: limited tries, and the answer never says whether the order exists). Ephemeral.
 */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js'
import { verifyLockedText } from '../../../src/core/verification.ts'
import { t } from '../../../src/i18n/messages.ts'
import { isDomainError } from '../../../src/services/errors.ts'
import { customerOrderNumber } from '../../../src/services/order-number.ts'
import { displayNameOf } from '../normalize.ts'
import { type Command, localeOf, respond, stringOption } from './command.ts'

export const verifyCommand = {
  data: new SlashCommandBuilder()
    .setName('verify')
    .setDescription('Verify that you are the customer of an order')
    .setDescriptionLocalizations({ id: 'Verifikasi bahwa Anda pemilik pesanan' })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o
        .setName('order')
        .setDescription('Order number, e.g. ORD-2025-001, 5001 or #1001')
        .setRequired(true)
        .setMaxLength(64),
    )
    .addStringOption((o) =>
      o
        .setName('phone_last4')
        .setDescription('The last 4 digits of the phone number on the order')
        .setRequired(true)
        .setMinLength(4)
        .setMaxLength(4),
    ),
  admin: false,
  defer: true,
  async execute(interaction, ctx) {
    const locale = localeOf(interaction)
    const orderNumber = customerOrderNumber(stringOption(interaction, 'order') ?? '')
    if (!orderNumber) return respond(interaction, t(locale, 'discord.verifyBadOrder'))
    const digits = stringOption(interaction, 'phone_last4') ?? ''
    if (!/^\d{4}$/.test(digits)) return respond(interaction, t(locale, 'discord.verifyBadDigits'))

    const identity = await ctx.services.crm.resolveIdentity('discord', interaction.user.id, {
      displayName: displayNameOf(interaction.user),
    })
    try {
      const result = await ctx.services.crm.verifyByOrderAndPhone(identity.id, orderNumber, digits)
      if (result.ok) return respond(interaction, t(locale, 'core.verifyOk', { name: result.customer.name }))
      if (result.reason === 'locked') {
        return respond(interaction, verifyLockedText(locale, result.retryAfterMinutes ?? 60))
      }
      return respond(interaction, t(locale, 'core.verifyFailed'))
    } catch (error) {
      if (isDomainError(error) && error.code === 'invalid_input') {
        return respond(interaction, t(locale, 'core.verifyFailed'))
      }
      throw error
    }
  },
} satisfies Command
