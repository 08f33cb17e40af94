/**
 * Importing a shop's own data: 1,000 products (two variants each) and 10,000 orders, once through the shop API
 * (`POST /api/shop/batch`, 500 records a call, over a real socket) and once through the CSV importer, in records
 * per second; then each again, which must change nothing (`rerun_changed` is 0). PostgreSQL when a server is
 * configured (BENCH_/TEST_/DATABASE_URL), else PGlite. The CSV line's `ratio` is the API's throughput over the
 * CSV's (DESIGN §10); `--quick` loads 20 products and 100 orders.
 */
import type { AddressInfo } from 'node:net'
import { createOfflineCourierGateway } from '../src/gateways/courier-offline.ts'
import { createOfflinePaymentGateway } from '../src/gateways/payment-offline.ts'
import { buildServer } from '../src/http/server.ts'
import { silentLogger } from '../src/logger.ts'
import { createServices } from '../src/services/index.ts'
import { defaultShopSettings } from '../src/services/shop.ts'
import { importCsv } from '../src/services/shop-import/csv-import.ts'
import { type BenchDbKind, benchServerUrl, openBenchDatabase } from './bench-db.ts'

const token = 'bench-shop-token-0123456789'
const round = (v: number) => Math.round(v * 100) / 100
const updatedAt = '2026-12-01T09:00:00+07:00'

function product(prefix: string, i: number) {
  return {
    productId: `${prefix}-P${i}`,
    name: `Kaos Bench ${prefix} ${i}`,
    category: 'Kaos',
    price: 99_000 + (i % 10) * 10_000,
    weight: 200,
    variants: ['M', 'L'].map((size) => ({
      sku: `${prefix}-P${i}-${size}`,
      size,
      colour: 'Hitam',
      stock: 10 + (i % 7),
    })),
    updatedAt,
  }
}

/** Customer of order i: 2,000 customers, each with a phone of their own. */
const customerOf = (prefix: string, i: number) => {
  const n = i % 2000
  const phone = `0812${prefix === 'API' ? '1' : '2'}${String(n).padStart(7, '0')}`
  return { externalId: `${prefix}-C${n}`, name: `Pelanggan ${n}`, phone }
}

function order(prefix: string, i: number, products: number) {
  const p = i % products
  const price = 99_000 + (p % 10) * 10_000
  return {
    orderNumber: `${prefix}-${10_000 + i}`,
    customer: customerOf(prefix, i),
    status: i % 3 === 0 ? 'completed' : 'processing',
    items: [{ sku: `${prefix}-P${p}-M`, name: `Kaos Bench ${prefix} ${p}`, size: 'M', quantity: 1, price }],
    shippingCost: 15_000,
    total: price + 15_000,
    shippingAddress: 'Jl. Bench No. 1, Jakarta 10110',
    payment: { method: 'bacs', status: 'paid' },
    shipments: i % 3 === 0 ? [{ carrier: 'jne', waybill: `JNEB${prefix}${100000 + i}` }] : [],
    updatedAt,
  }
}

const csvCell = (v: string | number) => {
  const s = String(v)
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
const csv = (rows: (string | number)[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\n')

function productsCsv(count: number): string {
  const rows: (string | number)[][] = [
    ['productId', 'name', 'category', 'price', 'weight', 'sku', 'size', 'colour', 'stock', 'updatedAt'],
  ]
  for (let i = 0; i < count; i++) {
    const p = product('CSV', i)
    for (const v of p.variants)
      rows.push([p.productId, p.name, p.category, p.price, p.weight, v.sku, v.size, v.colour, v.stock, updatedAt])
  }
  return csv(rows)
}

function ordersCsv(count: number, products: number): string {
  const rows: (string | number)[][] = [
    [
      'orderNumber',
      'customerId',
      'customerName',
      'phone',
      'status',
      'sku',
      'itemName',
      'size',
      'quantity',
      'price',
      'shippingCost',
      'total',
      'shippingAddress',
      'paymentMethod',
      'paymentStatus',
      'carrier',
      'waybill',
      'updatedAt',
    ],
  ]
  for (let i = 0; i < count; i++) {
    const o = order('CSV', i, products)
    const item = o.items[0] as (typeof o.items)[number]
    const shipment = o.shipments[0]
    rows.push([
      o.orderNumber,
      o.customer.externalId,
      o.customer.name,
      o.customer.phone,
      o.status,
      item.sku,
      item.name,
      item.size,
      item.quantity,
      item.price,
      o.shippingCost,
      o.total,
      o.shippingAddress,
      o.payment.method,
      o.payment.status,
      shipment?.carrier ?? '',
      shipment?.waybill ?? '',
      updatedAt,
    ])
  }
  return csv(rows)
}

interface Tally {
  records: number
  changed: number
  failed: number
}

export async function runShopImportBench(opts: { quick: boolean; emit: (line: object) => void }): Promise<void> {
  const products = opts.quick ? 20 : 1000
  const orders = opts.quick ? 100 : 10_000
  const kind: BenchDbKind = benchServerUrl() ? 'postgres' : 'pglite'
  const { db } = await openBenchDatabase(kind, 'layan_bench_shop')
  const deps = {
    prisma: db.prisma,
    sql: db.sql,
    paymentGateway: createOfflinePaymentGateway({ prisma: db.prisma }),
    courierGateway: createOfflineCourierGateway({ prisma: db.prisma }),
    log: silentLogger(),
    now: () => new Date(),
    shop: defaultShopSettings,
    courierRefreshMinutes: 30,
  }
  const services = createServices(deps)
  const app = buildServer({
    services,
    config: { SHOP_API_TOKEN: token },
    log: silentLogger(),
    paymentGateway: deps.paymentGateway,
    rateLimit: false,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  try {
    const items = [
      ...Array.from({ length: products }, (_, i) => ({ type: 'product', data: product('API', i) })),
      ...Array.from({ length: orders }, (_, i) => ({ type: 'order', data: order('API', i, products) })),
    ]
    async function viaApi(): Promise<Tally> {
      const tally: Tally = { records: 0, changed: 0, failed: 0 }
      for (let at = 0; at < items.length; at += 500) {
        const response = await fetch(`${base}/api/shop/batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ items: items.slice(at, at + 500) }),
        })
        if (!response.ok)
          throw new Error(`batch answered HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`)
        const body = (await response.json()) as { results: { ok: boolean; outcome?: string }[] }
        for (const r of body.results) {
          tally.records += 1
          if (!r.ok) tally.failed += 1
          else if (r.outcome === 'created' || r.outcome === 'updated') tally.changed += 1
        }
      }
      return tally
    }
    const sink = services.shopSink
    const files = { products: productsCsv(products), orders: ordersCsv(orders, products) }
    async function viaCsv(): Promise<Tally> {
      const tally: Tally = { records: 0, changed: 0, failed: 0 }
      for (const type of ['products', 'orders'] as const) {
        const report = await importCsv(files[type], sink, { type })
        tally.records += report.records
        tally.changed += report.counts.created + report.counts.updated
        tally.failed += report.counts.failed
      }
      return tally
    }
    const lines: Record<string, Record<string, unknown>> = {}
    for (const [name, run] of [
      ['shop_import.api', viaApi],
      ['shop_import.csv', viaCsv],
    ] as const) {
      const started = performance.now()
      const first = await run()
      const seconds = (performance.now() - started) / 1000
      const again = performance.now()
      const rerun = await run()
      const rerunSeconds = (performance.now() - again) / 1000
      if (first.failed > 0 || rerun.failed > 0)
        throw new Error(`${name}: ${first.failed + rerun.failed} records refused`)
      lines[name] = {
        bench: name,
        db: kind,
        products,
        orders,
        records: first.records,
        seconds: round(seconds),
        records_per_s: round(first.records / seconds),
        created: first.changed,
        rerun_seconds: round(rerunSeconds),
        rerun_records_per_s: round(rerun.records / rerunSeconds),
        rerun_changed: rerun.changed,
      }
    }
    const api = lines['shop_import.api'] as { records_per_s: number }
    const csvLine = lines['shop_import.csv'] as { records_per_s: number }
    opts.emit(lines['shop_import.api'] as object)
    opts.emit({
      ...lines['shop_import.csv'],
      baseline: 'shop_import.api',
      ratio: round(api.records_per_s / csvLine.records_per_s),
    })
  } finally {
    await app.close()
    await db.close()
  }
}
