/**
 * Stock and shipping from the console, through the same services as the /stock, /lowstock and /ship commands:
 * a stock count is set with a reason (the inventory service audits it; low stock is announced to staff), and a
 * shipping status change notifies the customer through the outbox. Open cash-on-delivery orders the customer has
 * not confirmed are listed for a call before shipping.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ShippingStatus } from '../../generated/prisma/enums.ts'
import type { CodConfirmations } from '../../services/cod-confirmations.ts'
import { consoleActor } from '../../services/console/accounts.ts'
import type { ConsoleSessions } from '../../services/console/sessions.ts'
import type { InventoryService } from '../../services/inventory.ts'
import type { LowStockWatcher } from '../../services/notifications/low-stock.ts'
import { customerOrderNumber } from '../../services/order-number.ts'
import type { ShippingService } from '../../services/shipping.ts'
import { principalOf, requireSession } from './auth.ts'

export interface ShopRouteDeps {
  sessions: ConsoleSessions
  inventory: Pick<
    InventoryService,
    'listStock' | 'updateProductStock' | 'getLowStockProducts' | 'getOutOfStockProducts'
  >
  shipping: Pick<ShippingService, 'updateShippingStatus'>
  cod: Pick<CodConfirmations, 'listUnconfirmed'>
  lowStock: Pick<LowStockWatcher, 'afterStockChange'>
  notify?: () => void
}

const tags = ['console']
const stockQuery = z.object({ q: z.string().max(100).optional() })
const setStockBody = z.object({
  quantity: z.number().int().min(0).max(9_999_999),
  reason: z.string().trim().min(1).max(200),
})
const shipBody = z.object({
  status: z.enum(Object.keys(ShippingStatus) as [ShippingStatus, ...ShippingStatus[]]),
  location: z.string().trim().max(200).optional(),
})

export function shopRoutes(deps: ShopRouteDeps) {
  const signedIn = requireSession(deps.sessions)

  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/console/api/stock',
      {
        schema: {
          tags,
          summary: 'Stock of every active product by size; q filters by name or id',
          querystring: stockQuery,
        },
        preHandler: signedIn,
      },
      async (request) => {
        const { q } = request.query as z.infer<typeof stockQuery>
        const all = await deps.inventory.listStock()
        const needle = q?.trim().toLowerCase()
        const products = needle
          ? all.filter((p) =>
              [p.productId, p.productName, p.productNameEn ?? '', ...p.sizes.map((s) => s.sku)].some((v) =>
                v.toLowerCase().includes(needle),
              ),
            )
          : all
        return { products }
      },
    )

    app.get(
      '/console/api/orders/cod-unconfirmed',
      {
        schema: { tags, summary: 'Open cash-on-delivery orders the customer has not confirmed yet, oldest first' },
        preHandler: signedIn,
      },
      async () => ({ orders: await deps.cod.listUnconfirmed() }),
    )

    app.get(
      '/console/api/stock/low',
      {
        schema: { tags, summary: 'Products at or below their low-stock threshold, and sold-out ones' },
        preHandler: signedIn,
      },
      async () => {
        const [low, out] = await Promise.all([
          deps.inventory.getLowStockProducts(),
          deps.inventory.getOutOfStockProducts(),
        ])
        return { low, out }
      },
    )

    app.post(
      '/console/api/stock/:sku',
      {
        schema: {
          tags,
          summary: "Set a SKU's counted quantity, with a reason (audited as a stock movement)",
          params: z.object({ sku: z.string().min(1).max(64) }),
          body: setStockBody,
        },
        preHandler: signedIn,
      },
      async (request) => {
        const { sku } = request.params as { sku: string }
        const { quantity, reason } = request.body as z.infer<typeof setStockBody>
        const result = await deps.inventory.updateProductStock(
          sku,
          quantity,
          reason,
          consoleActor(principalOf(request)),
        )
        const alerts = await deps.lowStock.afterStockChange([{ sku: result.sku, delta: result.after - result.before }])
        if (alerts.length > 0) deps.notify?.()
        return result
      },
    )

    app.post(
      '/console/api/shipping/:orderNumber',
      {
        schema: {
          tags,
          summary: "Set an order's shipping status and location (the customer is notified)",
          params: z.object({ orderNumber: z.string().min(1).max(40) }),
          body: shipBody,
        },
        preHandler: signedIn,
      },
      async (request) => {
        const { orderNumber: raw } = request.params as { orderNumber: string }
        const { status, location } = request.body as z.infer<typeof shipBody>
        const orderNumber = customerOrderNumber(raw) ?? raw
        const tracking = await deps.shipping.updateShippingStatus(orderNumber, status, location || undefined, {
          actor: consoleActor(principalOf(request)),
        })
        deps.notify?.()
        return {
          orderNumber,
          status: tracking.currentStatus,
          location: tracking.currentLocation,
          trackingNumber: tracking.trackingNumber,
        }
      },
    )
  }
}
