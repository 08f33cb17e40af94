/**
 * Service benchmarks: p50/p99 and SQL statements of the main reads and of cancelOrder, beside a raw `SELECT 1`
 * round trip on the same database in the same run.
 */
import { createOfflineCourierGateway } from '../src/gateways/courier-offline.ts'
import { createOfflinePaymentGateway } from '../src/gateways/payment-offline.ts'
import { silentLogger } from '../src/logger.ts'
import { createServices } from '../src/services/index.ts'
import { defaultShopSettings } from '../src/services/shop.ts'
import { benchDbKinds, countStatements, openBenchDatabase } from './bench-db.ts'
import { measure, ratio } from './stats.ts'

export interface BenchOptions {
  quick: boolean
  emit: (line: object) => void
}

export async function runServiceBench({ quick, emit }: BenchOptions): Promise<void> {
  const n = quick ? 30 : 1000
  const cancels = quick ? 10 : 200
  for (const kind of benchDbKinds()) {
    const { db, counter } = await openBenchDatabase(kind)
    try {
      const prisma = db.prisma
      const services = createServices({
        prisma,
        sql: db.sql,
        paymentGateway: createOfflinePaymentGateway({ prisma }),
        courierGateway: createOfflineCourierGateway({ prisma }),
        log: silentLogger(),
        now: () => new Date(),
        shop: defaultShopSettings,
        courierRefreshMinutes: 30,
      })
      const base = { db: kind }
      const select1 = await measure(n, () => prisma.$queryRaw`SELECT 1`)
      emit({ bench: 'sql.select1', ...base, ...select1, sql_statements: 1 })

      const reads: [string, () => Promise<unknown>][] = [
        ['service.getOrderByNumber', () => services.orders.getOrderByNumber('cust-adi', 'ORD-2025-001')],
        ['service.getOrderSummary', () => services.orders.getOrderSummary('cust-adi')],
        [
          'service.checkMultipleProductsStock',
          () => services.inventory.checkMultipleProductsStock(['KAOS-001', 'CELANA-001', 'DRESS-001']),
        ],
      ]
      for (const [name, fn] of reads) {
        const statements = await countStatements(counter, fn)
        const timing = await measure(n, fn)
        emit({
          bench: name,
          ...base,
          ...timing,
          sql_statements: statements,
          baseline: 'sql.select1',
          ratio: ratio(timing, select1),
        })
      }

      // cancelOrder needs a fresh cancellable order per call: create them first, outside the timing.
      const numbers = await createCancellableOrders(prisma, cancels + 21)
      const first = numbers.pop()!
      const statements = await countStatements(counter, () => services.orders.cancelOrder('cust-adi', first, 'bench'))
      const timing = await measure(cancels, (i) =>
        services.orders.cancelOrder('cust-adi', numbers[i < 0 ? cancels - 1 - i : i]!, 'bench'),
      )
      emit({
        bench: 'service.cancelOrder',
        ...base,
        ...timing,
        sql_statements: statements,
        baseline: 'sql.select1',
        ratio: ratio(timing, select1),
      })
    } finally {
      await db.close()
    }
  }
}

async function createCancellableOrders(prisma: import('../src/db/client.ts').Db, count: number): Promise<string[]> {
  const numbers: string[] = []
  for (let i = 0; i < count; i++) {
    const orderNumber = `ORD-2090-${String(i + 1).padStart(3, '0')}`
    await prisma.order.create({
      data: {
        orderNumber,
        customerId: 'cust-adi',
        status: 'PENDING',
        subtotal: 138_000,
        shippingCost: 12_000,
        totalAmount: 150_000,
        shippingAddress: 'Jl. Merdeka No. 123, Jakarta',
        items: {
          create: [
            {
              productId: 'KAOS-001',
              sku: 'KAOS-001-M',
              size: 'M',
              productName: 'Kaos Basic Crewneck',
              quantity: 1,
              price: 79_000,
              subtotal: 79_000,
            },
            {
              productId: 'CELANA-001',
              sku: 'CELANA-001-31',
              size: '31',
              productName: 'Celana Chino Slim Fit',
              quantity: 1,
              price: 59_000,
              subtotal: 59_000,
            },
          ],
        },
        payment: { create: { amount: 150_000, method: 'bank_transfer', status: 'PENDING' } },
      },
    })
    numbers.push(orderNumber)
  }
  return numbers
}
