/**
 * Random and malformed bodies against every POST endpoint, authenticated so they reach parsing and validation:
 * wrong types, huge strings, deep nesting, broken JSON declared as JSON, prototype-pollution keys. No answer
 * may be a 5xx, every error must be in our shape, and the shop's data must not change at all.
 */
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import {
  botAuth,
  buildTestServer,
  firstDatabaseTimeoutMs,
  testCourierSecret,
  testMidtransServerKey,
} from '../../helpers/http.ts'

const runsPerEndpoint = 150

// Plausible values that can never authorise a write: cust-budi owns no orders, cust-siti's cancellable order
// is never paired with her, waybills are unknown, Midtrans signatures are random.
const customerIds = fc.constantFrom('cust-budi', 'cust-nobody', 'CUST-ADI ', '', ' ', 'cust-adi\u0000')
const orderNumbers = fc.constantFrom(
  'ORD-2025-001',
  'ORD-2025-002',
  'ORD-2025-004',
  'ord 2025 005',
  '#ORD-9999-999',
  '',
)
const productIds = fc.array(fc.constantFrom('KAOS-001', 'KAOS-001-M', 'DRESS-001', 'nope', '', 'x'.repeat(65)), {
  maxLength: 60,
})
const hexish = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 0, maxLength: 140 })

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 300, maxLength: 3000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 80 }),
  fc.array(fc.integer(), { maxLength: 80 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  fc.jsonValue({ maxDepth: 6 }),
)

/**
 * An object with the endpoint's keys plus random extra keys: either every key plausible (reaching the handler)
 * or each key plausible or junk and maybe missing (reaching validation).
 */
function shaped(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<string> {
  const mixed = fc.record(
    Object.fromEntries(
      Object.entries(fields).map(([key, plausible]) => [
        key,
        fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: junk }),
      ]),
    ),
    { requiredKeys: [] },
  )
  const known = fc.oneof({ weight: 1, arbitrary: fc.record(fields) }, { weight: 2, arbitrary: mixed })
  return fc
    .tuple(known, fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 3 }))
    .map(([k, extra]) => JSON.stringify({ ...extra, ...k }))
}

/** Correctly signed notifications for orders that do not exist: past the signature, never a change. */
const signedForUnknownOrders: fc.Arbitrary<string> = fc
  .record({
    order_id: fc.constantFrom('ORD-2099-001', 'ORD-2099-777', 'nope'),
    status_code: fc.constantFrom('200', '201', '202', '407'),
    gross_amount: fc.constantFrom('264000.00', '1.50', '0'),
    transaction_status: fc.constantFrom('settlement', 'capture', 'pending', 'expire', 'refund', 'bogus'),
    transaction_id: fc.uuid(),
    fraud_status: fc.constantFrom('accept', 'challenge', 'deny'),
  })
  .map((n) =>
    JSON.stringify({
      ...n,
      signature_key: createHash('sha512')
        .update(`${n.order_id}${n.status_code}${n.gross_amount}${testMidtransServerKey}`)
        .digest('hex'),
    }),
  )

const brokenJson: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.constantFrom(
    '',
    '{',
    '[',
    '{"a":',
    'nul',
    'undefined',
    '{"customerId": }',
    '\u0000',
    '{"a":1}}',
    "{'a':1}",
    'NaN',
  ),
  fc.json({ maxDepth: 3 }).chain((text) => fc.nat(text.length).map((n) => text.slice(0, n))),
)

const pollution: fc.Arbitrary<string> = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"customerId":"cust-budi","__proto__":{"isAdmin":true}}',
  '{"productIds":["KAOS-001"],"constructor":{"prototype":{"polluted":1}}}',
  '{"a":{"b":{"__proto__":{"polluted":1}}}}',
  '[{"__proto__":{"polluted":1}}]',
  '{"waybill":"JNE000","status":"DELIVERED","__proto__":{"status":"DELIVERED"}}',
)

const huge: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 65_000, max: 80_000 }).map((n) => JSON.stringify({ customerId: 'x'.repeat(n) })),
  fc.integer({ min: 1_000, max: 32_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 100, max: 6_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => JSON.stringify({ customerId: 'a'.repeat(n), orderNumber: 'ORD' })),
  fc
    .integer({ min: 100, max: 5_000 })
    .map((n) => JSON.stringify({ productIds: Array.from({ length: n }, () => 'KAOS-001') })),
)

function bodies(fields: Record<string, fc.Arbitrary<unknown>>, extra?: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: shaped(fields) },
    ...(extra ? [{ weight: 3, arbitrary: extra }] : []),
    { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
    { weight: 2, arbitrary: brokenJson },
    { weight: 1, arbitrary: pollution },
    { weight: 1, arbitrary: huge },
  )
}

interface Endpoint {
  url: string
  headers: Record<string, string>
  fields: Record<string, fc.Arbitrary<unknown>>
  extra?: fc.Arbitrary<string>
}

const endpoints: Endpoint[] = [
  { url: '/api/bot/order/track', headers: botAuth, fields: { customerId: customerIds, orderNumber: orderNumbers } },
  {
    url: '/api/bot/order/cancel',
    headers: botAuth,
    fields: { customerId: customerIds, orderNumber: orderNumbers, reason: fc.string({ maxLength: 600 }) },
  },
  { url: '/api/bot/order/summary', headers: botAuth, fields: { customerId: customerIds } },
  {
    url: '/api/bot/payment/verify',
    headers: botAuth,
    fields: { customerId: customerIds, orderNumber: orderNumbers, detailed: fc.boolean() },
  },
  {
    url: '/api/bot/inventory/check',
    headers: botAuth,
    fields: { productIds, quantities: fc.array(fc.integer({ min: -5, max: 2000 }), { maxLength: 60 }) },
  },
  {
    url: '/webhooks/midtrans',
    headers: {},
    fields: {
      order_id: fc.constantFrom('ORD-2025-001', 'ORD-2025-002', 'ORD-2025-005', 'ord 2025 002', ''),
      status_code: fc.constantFrom('200', '201', '202', '407', '2000'),
      gross_amount: fc.constantFrom('264000.00', '264000', '-1', '1e9', ''),
      signature_key: hexish,
      transaction_status: fc.constantFrom('settlement', 'capture', 'pending', 'expire', 'refund', 'bogus'),
      transaction_id: fc.uuid(),
      fraud_status: fc.constantFrom('accept', 'challenge', 'deny'),
      va_numbers: fc.array(fc.record({ bank: fc.string(), va_number: fc.string() }), { maxLength: 11 }),
    },
    extra: signedForUnknownOrders,
  },
  {
    url: '/webhooks/courier',
    headers: { 'x-courier-secret': testCourierSecret },
    fields: {
      waybill: fc.constantFrom('JNE000000000', 'UNKNOWN-1', '', ' '.repeat(70)),
      status: fc.constantFrom('DELIVERED', 'in_transit', 'WITH DELIVERY COURIER', 'x'.repeat(250)),
      location: fc.string({ maxLength: 250 }),
      description: fc.string({ maxLength: 600 }),
      occurredAt: fc.oneof(
        fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'bad' : d.toISOString())),
        fc.string(),
      ),
      eventId: fc.string({ maxLength: 140 }),
    },
  },
]

const contentTypes = fc.oneof(
  { weight: 9, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded'),
  },
)

const tables = [
  'Order',
  'Payment',
  'Inventory',
  'ShippingTracking',
  'ShippingEvent',
  'Notification',
  'AuditLog',
  'ProcessedEvent',
]

/** Row count and an md5 of every row's text, per table. */
async function snapshot(db: Database): Promise<Record<string, { n: number; sum: string }>> {
  const out: Record<string, { n: number; sum: string }> = {}
  for (const table of tables) {
    const rows = await db.prisma.$queryRawUnsafe<{ n: number; sum: string }[]>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${table}" t`,
    )
    out[table] = rows[0]!
  }
  return out
}

describe.each(testDbKinds)('HTTP fuzz (%s)', (kind) => {
  let db: Database
  let app: FastifyInstance
  let before: Awaited<ReturnType<typeof snapshot>>
  let sent = 0
  const statuses = new Map<number, number>()
  beforeAll(async () => {
    db = await createTestDatabase(kind)
    app = buildTestServer(db)
    await app.ready()
    before = await snapshot(db)
  }, firstDatabaseTimeoutMs)
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  it.each(endpoints)('$url: never 5xx, always our error shape, no change', async ({ url, headers, fields, extra }) => {
    await fc.assert(
      fc.asyncProperty(bodies(fields, extra), contentTypes, async (payload, contentType) => {
        sent++
        const res = await app.inject({
          method: 'POST',
          url,
          headers: { ...headers, 'content-type': contentType },
          payload,
        })
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
        expect(res.statusCode, `${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500)
        const body = JSON.parse(res.body)
        if (res.statusCode >= 400) {
          expect(body.success).toBe(false)
          expect(typeof body.error.code).toBe('string')
          expect(res.body).not.toMatch(/\bat .+:\d+:\d+/)
        }
        expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined()
        expect((Object.prototype as Record<string, unknown>).isAdmin).toBeUndefined()
      }),
      { numRuns: runsPerEndpoint },
    )
    expect(await snapshot(db)).toEqual(before)
  })

  it('sent at least 1,000 bodies and the data is unchanged', async () => {
    expect(sent).toBeGreaterThanOrEqual(1000)
    // The bodies reached every stage: handlers (200, 404), validation and parsing (400), the body limit (413),
    // the content-type check (415) and the Midtrans signature check (401).
    console.error(`fuzz statuses (${kind}):`, Object.fromEntries(statuses))
    for (const status of [200, 400, 401, 404, 413, 415]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0)
    expect(await snapshot(db)).toEqual(before)
  })
})
