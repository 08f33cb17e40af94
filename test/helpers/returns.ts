/**
 * Return requests for tests: an order of the demo data made DELIVERED yesterday (its shipment too), and a request
 * on it stored through the real service as the customer's button press would.
 */
import type { Db } from '../../src/db/client.ts'
import type { ReturnService } from '../../src/services/returns/service.ts'

/** Marks the order and its shipments delivered `daysAgo` days before `now`. */
export async function deliveredRecently(prisma: Db, orderNumber: string, now = new Date(), daysAgo = 1) {
  const deliveredAt = new Date(now.getTime() - daysAgo * 86_400_000)
  const order = await prisma.order.update({ where: { orderNumber }, data: { status: 'DELIVERED' } })
  await prisma.shippingTracking.updateMany({
    where: { orderId: order.id },
    data: { currentStatus: 'DELIVERED', deliveredAt },
  })
  return order
}

/** Adi exchanges ORD-2025-001's KAOS-001-M for L (bank transfer: a refund would be paid by staff). */
export function adiExchange(returns: ReturnService, actor = 'customer:test') {
  return returns.create(
    'cust-adi',
    {
      orderNumber: 'ORD-2025-001',
      items: [{ sku: 'KAOS-001-M', quantity: 1, wantedSize: 'L' }],
      reason: 'kekecilan',
      resolution: 'exchange',
    },
    { actor },
  )
}

/** Adi returns ORD-2025-003's shirt for a refund (GoPay: refunded through the gateway). */
export function adiGatewayRefund(returns: ReturnService, actor = 'customer:test') {
  return returns.create(
    'cust-adi',
    { orderNumber: 'ORD-2025-003', items: [{ sku: 'KEMEJA-001-M' }], reason: 'warnanya beda', resolution: 'refund' },
    { actor },
  )
}

/** Adi returns ORD-2025-001's trousers for a refund to his bank account (paid by staff). */
export function adiManualRefund(returns: ReturnService, actor = 'customer:test') {
  return returns.create(
    'cust-adi',
    {
      orderNumber: 'ORD-2025-001',
      items: [{ sku: 'CELANA-001-31' }],
      reason: 'kebesaran',
      resolution: 'refund',
      refundAccount: { bank: 'BCA', number: '1234567890', holder: 'Adi Mulyana' },
    },
    { actor },
  )
}
