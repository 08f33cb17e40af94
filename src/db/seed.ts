/**
 * Seeds the demo shop. Idempotent: every row is keyed by a fixed id or unique key and an existing row is left
 * exactly as it is, so a second run changes nothing (not even the "now" dates of ORD-2025-002 and -005).
 */
import type { Db } from './client.ts'
import { demoCustomers, demoLowStockThreshold, demoOrders, demoProducts, demoWarehouse } from './demo-shop.ts'

export interface SeedResult {
  created: boolean
}

/** Seeds the demo shop; returns whether anything was created. */
export async function seedDemoShop(prisma: Db, now: Date = new Date()): Promise<SeedResult> {
  const before = await prisma.order.count({ where: { orderNumber: { startsWith: 'ORD-2025-00' } } })
  for (const c of demoCustomers) {
    await prisma.customer.upsert({ where: { id: c.id }, update: {}, create: { ...c } })
  }
  for (const p of demoProducts) {
    await prisma.product.upsert({
      where: { id: p.id },
      update: {},
      create: {
        id: p.id,
        name: p.name,
        nameEn: p.nameEn,
        category: p.category,
        price: p.price,
        weightGrams: p.weightGrams,
        lowStockThreshold: demoLowStockThreshold,
      },
    })
    for (const [size, quantity] of Object.entries(p.stock)) {
      await prisma.inventory.upsert({
        where: { sku: `${p.id}-${size}` },
        update: {},
        create: { sku: `${p.id}-${size}`, productId: p.id, size, quantity, warehouseLocation: demoWarehouse },
      })
    }
  }
  const names = new Map<string, string>(demoProducts.map((p) => [p.id, p.name]))
  for (const o of demoOrders(now)) {
    const exists = await prisma.order.findUnique({ where: { orderNumber: o.orderNumber }, select: { id: true } })
    if (exists) continue
    const subtotal = o.items.reduce((sum, i) => sum + i.price * i.quantity, 0)
    const total = subtotal + o.shippingCost
    await prisma.order.create({
      data: {
        id: o.id,
        orderNumber: o.orderNumber,
        customerId: o.customerId,
        status: o.status,
        subtotal,
        shippingCost: o.shippingCost,
        totalAmount: total,
        shippingAddress: o.shippingAddress,
        createdAt: o.createdAt,
        updatedAt: o.createdAt,
        items: {
          create: o.items.map((i) => ({
            productId: i.productId,
            sku: `${i.productId}-${i.size}`,
            size: i.size,
            productName: names.get(i.productId) ?? i.productId,
            quantity: i.quantity,
            price: i.price,
            subtotal: i.price * i.quantity,
          })),
        },
        payment: { create: { amount: total, createdAt: o.createdAt, ...o.payment } },
        // The first shipment becomes the order's `shipping` (a database trigger sets it).
        shipments: o.shipment
          ? {
              create: {
                trackingNumber: o.shipment.trackingNumber,
                carrier: o.shipment.carrier,
                currentStatus: o.shipment.currentStatus,
                currentLocation: o.shipment.currentLocation,
                shippedAt: o.shipment.shippedAt,
                estimatedDelivery: o.shipment.estimatedDelivery,
                deliveredAt: o.shipment.deliveredAt,
                events: { create: o.shipment.events },
              },
            }
          : undefined,
      },
    })
  }
  const after = await prisma.order.count({ where: { orderNumber: { startsWith: 'ORD-2025-00' } } })
  return { created: after > before }
}
