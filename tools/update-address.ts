/**
 * update_shipping_address: like cancel_order, never writes. It checks the order's address may still change
 * and that the new one is well-formed, then asks the customer to press "Ya, ubah alamat".
 */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import type { OrderStatus } from '../src/generated/prisma/enums.ts'
import { type Locale, orderStatusLabels } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { AddressNotChangeable } from '../src/services/errors.ts'
import { pendingActionTtlMinutes } from '../src/services/pending-actions.ts'
import { commonErrorReply, confirmButtons, customerOf, lines, orderNumberInput, orderNumberOf } from './common.ts'
import { type ConfirmedWrite, ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({
  orderNumber: orderNumberInput,
  newAddress: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .describe(
      'The complete new shipping address exactly as the customer wrote it (street, number, city, postal code).',
    ),
})

export interface UpdateAddressData {
  /** Always true: nothing changes until the customer presses the confirm button. */
  awaitingConfirmation: true
  orderNumber: string
  status: OrderStatus
  oldAddress: string
  /** The new address, cleaned (trimmed, single spaces). */
  newAddress: string
  /** ISO time after which the button no longer works. */
  expiresAt: string
}

function render(result: ToolResult<UpdateAddressData>, locale: Locale): Reply {
  if (!result.ok) {
    const { code, details } = result.error
    if (code === 'address_not_changeable') {
      const orderNumber = orderNumberOf(details) ?? ''
      const raw = typeof details?.status === 'string' ? details.status : ''
      const status = orderStatusLabels[raw as OrderStatus]?.[locale] ?? raw
      return {
        text: lines(t(locale, 'address.notChangeable', { orderNumber, status }), t(locale, 'cancel.humanOffer')),
      }
    }
    return commonErrorReply(result.error, locale)
  }
  const d = result.data
  const text = lines(
    t(locale, 'address.confirmTitle'),
    '',
    t(locale, 'address.order', { orderNumber: d.orderNumber }),
    t(locale, 'address.old', { address: d.oldAddress }),
    t(locale, 'address.new', { address: d.newAddress }),
    '',
    t(locale, 'address.confirmPrompt', { minutes: pendingActionTtlMinutes }),
  )
  return { text, buttons: confirmButtons(result.confirmation, t(locale, 'address.yes'), t(locale, 'address.no')) }
}

const confirmedArgs = z.object({ orderNumber: z.string(), newAddress: z.string() })

/** The press on "Ya, ubah alamat": the new address, with an audit row. */
const confirmed: ConfirmedWrite<z.infer<typeof confirmedArgs>> = {
  args: confirmedArgs,
  async execute({ services, customerId, actor, locale }, args) {
    const order = await services.orders.updateShippingAddress(customerId, args.orderNumber, args.newAddress, actor)
    return {
      text: t(locale, 'pending.addressDone', { orderNumber: order.orderNumber, address: order.shippingAddress }),
    }
  },
  failed(error, locale) {
    if (!(error instanceof AddressNotChangeable)) return null
    const status = orderStatusLabels[error.status as OrderStatus]?.[locale] ?? error.status
    return { text: t(locale, 'pending.addressFailed', { orderNumber: error.orderNumber, status }) }
  },
  rejected({ orderNumber }, locale) {
    return { text: t(locale, 'pending.addressRejected', { orderNumber }) }
  },
}

export const updateAddress = {
  name: 'update_shipping_address',
  description:
    'Start changing the shipping address of one of the verified customer\'s orders. It does NOT change it: it checks the order is not shipped yet ("Menunggu Pembayaran" or "Sedang Diproses") and that the address is complete, then shows "Ya, ubah alamat" / "Tidak" buttons; the address changes only when the customer presses "Ya, ubah alamat". Pass the full new address as the customer wrote it; if they did not give one, ask for it first.',
  input,
  needsCustomer: true,
  effect: { kind: 'write', request: 'address', confirmed },
  async run(ctx, { orderNumber, newAddress }) {
    const customer = customerOf(ctx)
    const { order, address } = await ctx.services.orders.checkAddressChangeable(customer.id, orderNumber, newAddress)
    const pending = await ctx.pendingActions.create({
      customerId: customer.id,
      identityId: ctx.identity.id,
      conversationId: ctx.conversationId,
      action: 'update_shipping_address',
      args: { orderNumber: order.orderNumber, newAddress: address },
    })
    return ok<UpdateAddressData>(
      {
        awaitingConfirmation: true,
        orderNumber: order.orderNumber,
        status: order.status,
        oldAddress: order.shippingAddress,
        newAddress: address,
        expiresAt: pending.expiresAt.toISOString(),
      },
      { token: pending.token, expiresAt: pending.expiresAt.toISOString() },
    )
  },
  render,
} satisfies ToolPlugin<z.infer<typeof input>, UpdateAddressData>
