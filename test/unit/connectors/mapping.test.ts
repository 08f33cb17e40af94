/**
 * The platforms' words → Layan's: WooCommerce and Shopify order statuses, payment states, methods and couriers, as
 * the shop API records they become (checked by the same schema every other door uses).
 */
import { describe, expect, it } from 'vitest'
import { shopifyOrderSchema } from '../../../src/gateways/shop-platforms/shopify/queries.ts'
import { wooOrderSchema } from '../../../src/gateways/shop-platforms/woocommerce/payloads.ts'
import { isWooPing } from '../../../src/http/webhooks-woocommerce.ts'
import { parseRecord } from '../../../src/services/shop-sync/records.ts'
import { orderInput as shopifyOrderInput } from '../../../src/services/shop-sync/shopify/mapping.ts'
import {
  nearestOrderStatus,
  nearestPaymentMethod,
  nearestPaymentStatus,
} from '../../../src/services/shop-sync/vocabulary.ts'
import { orderInput as wooOrderInput } from '../../../src/services/shop-sync/woocommerce/mapping.ts'
import { shopifyOrder } from '../../msw/shopify.ts'
import { wooOrder } from '../../msw/woocommerce.ts'

function wooRecord(overrides: Record<string, unknown>) {
  const input = wooOrderInput(wooOrderSchema.parse(wooOrder(overrides)))
  if (!input) throw new Error('no record')
  const parsed = parseRecord('order', input.data)
  if (!parsed.ok || parsed.record.type !== 'order') throw new Error(`refused: ${JSON.stringify(parsed)}`)
  return parsed.record.data
}

describe('WooCommerce order mapping', () => {
  it.each([
    ['pending', 'PENDING'],
    ['on-hold', 'PENDING'],
    ['processing', 'PROCESSING'],
    ['completed', 'SHIPPED'],
    ['cancelled', 'CANCELLED'],
    ['failed', 'CANCELLED'],
    ['refunded', 'CANCELLED'],
  ])('%s → %s', (status, expected) => {
    expect(nearestOrderStatus(wooRecord({ status }).status).value).toBe(expected)
  })

  it('keeps the payment state of a cancelled order: paid stays paid, refunded is refunded', () => {
    const paidThenCancelled = wooRecord({ status: 'cancelled', date_paid_gmt: '2026-12-01T02:00:00' })
    expect(nearestPaymentStatus(paidThenCancelled.payment?.status ?? '').value).toBe('COMPLETED')
    expect(
      nearestPaymentStatus(
        wooRecord({ status: 'refunded', date_paid_gmt: '2026-12-01T02:00:00' }).payment?.status ?? '',
      ).value,
    ).toBe('REFUNDED')
    expect(nearestPaymentStatus(wooRecord({ status: 'failed' }).payment?.status ?? '').value).toBe('FAILED')
  })

  it('maps COD, bank transfer and e-wallets, reads the waybill, and keeps the number the customer knows', () => {
    expect(
      nearestPaymentMethod(
        wooRecord({ payment_method: 'cod', payment_method_title: 'Bayar di tempat (COD)' }).payment?.method ?? '',
      ).value,
    ).toBe('cod')
    expect(nearestPaymentMethod(wooRecord({}).payment?.method ?? '')).toMatchObject({
      value: 'bank_transfer',
      provider: 'BCA',
    })
    expect(
      nearestPaymentMethod(
        wooRecord({ payment_method: 'midtrans', payment_method_title: 'GoPay' }).payment?.method ?? '',
      ).value,
    ).toBe('e_wallet')
    const shipped = wooRecord({
      status: 'completed',
      meta_data: [
        {
          key: '_wc_shipment_tracking_items',
          value: [{ tracking_provider: 'sicepat', tracking_number: '004512345678' }],
        },
      ],
    })
    expect(shipped.shipments).toMatchObject([{ carrier: 'sicepat', waybill: '004512345678' }])
    expect(shipped.orderNumber).toBe('5001')
    expect(shipped.updatedAt.toISOString()).toBe('2026-12-01T02:05:00.000Z')
    expect(shipped.customer.phone).toBe('+6281355550101')
  })

  it('leaves checkout drafts out', () => {
    expect(wooOrderInput(wooOrderSchema.parse(wooOrder({ status: 'checkout-draft' })))).toBeNull()
  })

  it('recognises only the bare ping body as a ping', () => {
    expect(isWooPing(Buffer.from('webhook_id=12'))).toBe(true)
    expect(isWooPing(Buffer.from('webhook_id=12&x=1'))).toBe(false)
    expect(isWooPing(Buffer.from('{"webhook_id":12}'))).toBe(false)
  })
})

describe('Shopify order mapping', () => {
  const record = (overrides: Record<string, unknown>) => {
    const parsed = parseRecord('order', shopifyOrderInput(shopifyOrderSchema.parse(shopifyOrder(2001, overrides))).data)
    if (!parsed.ok || parsed.record.type !== 'order') throw new Error(`refused: ${JSON.stringify(parsed)}`)
    return parsed.record.data
  }
  const fulfilled = (displayStatus: string) => ({
    displayFulfillmentStatus: 'FULFILLED',
    fulfillments: [
      { status: 'SUCCESS', displayStatus, trackingInfo: [{ company: 'J&T Express', number: 'JX1234567890' }] },
    ],
  })

  it('maps cancelled, fulfilled, delivered, paid and pending orders', () => {
    expect(record({ cancelledAt: '2026-12-02T00:00:00Z' }).status).toBe('CANCELLED')
    expect(record(fulfilled('IN_TRANSIT')).status).toBe('SHIPPED')
    expect(record(fulfilled('DELIVERED')).status).toBe('DELIVERED')
    expect(record({}).status).toBe('PROCESSING')
    expect(record({ displayFinancialStatus: 'PENDING' }).status).toBe('PENDING')
  })

  it('maps financial states and gateways, couriers from tracking, and "#1001" to 1001', () => {
    expect(nearestPaymentStatus(record({ displayFinancialStatus: 'REFUNDED' }).payment?.status ?? '').value).toBe(
      'REFUNDED',
    )
    expect(nearestPaymentStatus(record({ displayFinancialStatus: 'VOIDED' }).payment?.status ?? '').value).toBe(
      'CANCELLED',
    )
    expect(
      nearestPaymentMethod(record({ paymentGatewayNames: ['Cash on Delivery (COD)'] }).payment?.method ?? '').value,
    ).toBe('cod')
    const shipped = record(fulfilled('IN_TRANSIT'))
    expect(shipped.shipments).toMatchObject([{ carrier: 'J&T Express', waybill: 'JX1234567890' }])
    expect(shipped.orderNumber).toBe('1001')
  })
})
