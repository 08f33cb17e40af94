/** The courier gateway when no tracking API key is configured: what our database knows is the answer. */
import type { Db } from '../db/client.ts'
import type { CourierGateway } from './courier.ts'
import { GatewayError } from './errors.ts'

export function createOfflineCourierGateway(deps: { prisma: Db }): CourierGateway {
  return {
    name: 'offline',
    async track(carrier, waybill) {
      const tracking = await deps.prisma.shippingTracking.findFirst({
        where: { carrier, trackingNumber: waybill },
        include: { events: { orderBy: { occurredAt: 'asc' } } },
      })
      if (!tracking) throw new GatewayError('courier', 'refused', `unknown waybill ${waybill}`, 404)
      return {
        status: tracking.currentStatus,
        rawStatus: tracking.currentStatus,
        location: tracking.currentLocation ?? undefined,
        estimatedDelivery: tracking.estimatedDelivery ?? undefined,
        deliveredAt: tracking.deliveredAt ?? undefined,
        events: tracking.events.map((e) => ({
          status: e.status,
          location: e.location ?? undefined,
          description: e.description ?? '',
          occurredAt: e.occurredAt,
        })),
      }
    },
  }
}
