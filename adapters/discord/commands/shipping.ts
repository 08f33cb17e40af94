/**
 * `/shipping update order:<order> status:<choice> location:<place>` (admins): records a shipment status through
 * the shipping service (event, order status, customer notification, audit). An order without a shipment needs
 * `waybill` and `carrier` too.
 */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import { Carrier, ShippingStatus } from '../../../src/generated/prisma/enums.ts'
import { carrierNames, shippingStatusLabels } from '../../../src/i18n/format.ts'
import { t } from '../../../src/i18n/messages.ts'
import { OrderNotFound, ShipmentNotFound } from '../../../src/services/errors.ts'
import { customerOrderNumber } from '../../../src/services/order-number.ts'
import { adminActor, adminErrorText, type Command, localeOf, respond, stringOption } from './command.ts'

const statusChoices = Object.values(ShippingStatus).map((status) => ({
  name: shippingStatusLabels[status].en,
  name_localizations: { id: shippingStatusLabels[status].id },
  value: status,
}))
const carrierChoices = Object.values(Carrier).map((carrier) => ({ name: carrierNames[carrier], value: carrier }))

function isShippingStatus(value: string): value is ShippingStatus {
  return Object.hasOwn(ShippingStatus, value)
}

function isCarrier(value: string): value is Carrier {
  return Object.hasOwn(Carrier, value)
}

export const shippingCommand = {
  data: new SlashCommandBuilder()
    .setName('shipping')
    .setDescription('Update shipments (admins)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('update')
        .setDescription("Record a shipment's status; the customer is notified")
        .addStringOption((o) =>
          o
            .setName('order')
            .setDescription('Order number, e.g. ORD-2025-001, 5001 or #1001')
            .setRequired(true)
            .setMaxLength(64),
        )
        .addStringOption((o) =>
          o
            .setName('status')
            .setDescription('New status')
            .setRequired(true)
            .addChoices(...statusChoices),
        )
        .addStringOption((o) => o.setName('location').setDescription('Where the parcel is').setMaxLength(200))
        .addStringOption((o) =>
          o.setName('waybill').setDescription('Waybill, for an order without one yet').setMaxLength(40),
        )
        .addStringOption((o) =>
          o
            .setName('carrier')
            .setDescription('Courier, for an order without a waybill yet')
            .addChoices(...carrierChoices),
        ),
    ),
  admin: true,
  defer: true,
  async execute(interaction, ctx) {
    const locale = localeOf(interaction)
    const input = stringOption(interaction, 'order')
    if (!input) return respond(interaction, t(locale, 'discord.missingOption', { option: 'order' }))
    const orderNumber = customerOrderNumber(input)
    if (!orderNumber) return respond(interaction, t(locale, 'discord.verifyBadOrder'))
    const status = stringOption(interaction, 'status')
    if (!status || !isShippingStatus(status)) {
      const reason = Object.values(ShippingStatus).join(', ')
      return respond(interaction, t(locale, 'discord.invalidOption', { option: 'status', reason }))
    }
    const carrier = stringOption(interaction, 'carrier')
    if (carrier !== null && !isCarrier(carrier)) {
      const reason = Object.values(Carrier).join(', ')
      return respond(interaction, t(locale, 'discord.invalidOption', { option: 'carrier', reason }))
    }
    const location = stringOption(interaction, 'location') ?? undefined
    try {
      await ctx.services.shipping.updateShippingStatus(orderNumber, status, location, {
        actor: adminActor(interaction),
        trackingNumber: stringOption(interaction, 'waybill') ?? undefined,
        carrier: carrier ?? undefined,
      })
      await respond(
        interaction,
        t(locale, 'discord.shipping.done', {
          orderNumber,
          status: shippingStatusLabels[status][locale],
          location: location ? ` (${location})` : '',
        }),
      )
    } catch (error) {
      if (error instanceof OrderNotFound) {
        return respond(interaction, t(locale, 'discord.shipping.orderNotFound', { orderNumber }))
      }
      if (error instanceof ShipmentNotFound) {
        return respond(interaction, t(locale, 'discord.shipping.needWaybill', { orderNumber }))
      }
      const text = adminErrorText(error, locale)
      if (!text) throw error
      await respond(interaction, text)
    }
  },
} satisfies Command
