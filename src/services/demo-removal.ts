/**
 * Removes the demo shop (UrbanStyle ID's customers, products and orders) from a database that has started taking
 * the shop's own data. Only the demo's own records go: a record with a demo id that the shop's data has taken over
 * (it has a source) stays, and so does a demo customer or product that real orders name. Conversations stay (they
 * are people's), unlinked from the customers that go. One transaction, audited; a dry run reports the same and
 * changes nothing. Once removed, the demo is not seeded again at the next start.
 */
import type { Db } from '../db/client.ts'
import { demoCustomers, demoOrders, demoProducts } from '../db/demo-shop.ts'
import type { SqlClient } from '../db/sql.ts'
import { writeAudit } from './audit.ts'

export interface DemoRemovalReport {
  dryRun: boolean
  removed: { orders: string[]; customers: string[]; products: string[] }
  /** Demo records left in place, and why. */
  kept: { entity: 'Order' | 'Customer' | 'Product'; id: string; reason: string }[]
  /** Records of the shop's own data in the database (from the shop API, CSV or a platform). */
  realRecords: number
}

/** The audit row that marks the demo as removed (prepare.ts does not seed it again). */
export const demoRemovedAudit = { entity: 'Demo', entityId: 'urbanstyle-id', action: 'demo.removed' } as const

class DryRun extends Error {}

export async function removeDemoData(
  prisma: Db,
  options: { dryRun?: boolean; actor?: string } = {},
): Promise<DemoRemovalReport> {
  const report: DemoRemovalReport = {
    dryRun: options.dryRun ?? false,
    removed: { orders: [], customers: [], products: [] },
    kept: [],
    realRecords: 0,
  }
  const orderNumbers = demoOrders(new Date()).map((o) => o.orderNumber)
  const customerIds = demoCustomers.map((c) => c.id)
  const productIds = demoProducts.map((p) => p.id)
  try {
    await prisma.$transaction(
      async (tx) => {
        const [customers, products, orders] = await Promise.all([
          tx.customer.count({ where: { source: { not: null } } }),
          tx.product.count({ where: { source: { not: null } } }),
          tx.order.count({ where: { source: { not: null } } }),
        ])
        report.realRecords = customers + products + orders

        const demoOrderRows = await tx.order.findMany({
          where: { orderNumber: { in: orderNumbers } },
          select: { id: true, orderNumber: true, source: true },
        })
        for (const order of demoOrderRows) {
          if (order.source !== null)
            report.kept.push({ entity: 'Order', id: order.orderNumber, reason: 'taken over by the shop data' })
          else report.removed.orders.push(order.orderNumber)
        }
        const goingOrders = demoOrderRows.filter((o) => o.source === null).map((o) => o.id)

        for (const customer of await tx.customer.findMany({ where: { id: { in: customerIds } } })) {
          const realOrders = await tx.order.count({ where: { customerId: customer.id, id: { notIn: goingOrders } } })
          if (customer.source !== null) {
            report.kept.push({ entity: 'Customer', id: customer.id, reason: 'taken over by the shop data' })
          } else if (realOrders > 0) {
            report.kept.push({
              entity: 'Customer',
              id: customer.id,
              reason: `has ${realOrders} order(s) of the shop data`,
            })
          } else report.removed.customers.push(customer.id)
        }
        for (const product of await tx.product.findMany({ where: { id: { in: productIds } } })) {
          const named = await tx.orderItem.count({ where: { productId: product.id, orderId: { notIn: goingOrders } } })
          if (product.source !== null) {
            report.kept.push({ entity: 'Product', id: product.id, reason: 'taken over by the shop data' })
          } else if (named > 0) {
            report.kept.push({
              entity: 'Product',
              id: product.id,
              reason: `named by ${named} item(s) of the shop's orders`,
            })
          } else report.removed.products.push(product.id)
        }

        const { customers: goneCustomers, products: goneProducts } = report.removed
        await tx.order.deleteMany({ where: { id: { in: goingOrders } } })
        await tx.channelIdentity.updateMany({
          where: { customerId: { in: goneCustomers } },
          data: { customerId: null },
        })
        await tx.conversation.updateMany({ where: { customerId: { in: goneCustomers } }, data: { customerId: null } })
        await tx.handoff.updateMany({ where: { customerId: { in: goneCustomers } }, data: { customerId: null } })
        await tx.pendingAction.deleteMany({ where: { customerId: { in: goneCustomers } } })
        await tx.notification.deleteMany({ where: { customerId: { in: goneCustomers } } })
        await tx.customer.deleteMany({ where: { id: { in: goneCustomers } } })
        const skus = await tx.inventory.findMany({ where: { productId: { in: goneProducts } }, select: { sku: true } })
        await tx.inventoryMovement.deleteMany({ where: { sku: { in: skus.map((s) => s.sku) } } })
        await tx.inventory.deleteMany({ where: { productId: { in: goneProducts } } })
        await tx.product.deleteMany({ where: { id: { in: goneProducts } } })
        await writeAudit(tx, {
          actor: options.actor ?? 'system:demo-remove',
          ...demoRemovedAudit,
          data: { removed: report.removed, kept: report.kept },
        })
        if (report.dryRun) throw new DryRun()
      },
      { maxWait: 30_000, timeout: 120_000 },
    )
  } catch (error) {
    if (!(error instanceof DryRun)) throw error
  }
  return report
}

/**
 * Whether the database holds the demo shop: one of its products, never taken over by the shop's data, and no
 * removal recorded. Plain SQL, one round trip (the knowledge store asks it every few seconds at most).
 */
export function createDemoPresence(sql: SqlClient): () => Promise<boolean> {
  const ids = demoProducts.map((p) => `'${p.id.replace(/'/g, "''")}'`).join(', ')
  const text = `SELECT NOT EXISTS (SELECT 1 FROM "AuditLog" WHERE entity = $1 AND "entityId" = $2)
      AND EXISTS (SELECT 1 FROM "Product" WHERE id IN (${ids}) AND source IS NULL) AS "present"`
  return async () => {
    const [row] = await sql.query<{ present: boolean }>(text, [demoRemovedAudit.entity, demoRemovedAudit.entityId])
    return row?.present === true
  }
}
