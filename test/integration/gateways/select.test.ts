import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.ts'
import type { Database } from '../../../src/db/client.ts'
import { createGateways } from '../../../src/gateways/select.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { createFakeBinderbyte } from '../../msw/courier.ts'
import { createFakeMidtrans } from '../../msw/midtrans.ts'

const serverKey = 'SB-Mid-server-select-test'
const apiKey = 'bb-select-test'
const midtrans = createFakeMidtrans({ serverKey, baseUrl: 'http://midtrans.test' })
const courier = createFakeBinderbyte({ apiKey, baseUrl: 'http://courier.test' })
const server = setupServer(...midtrans.handlers, ...courier.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  midtrans.reset()
  courier.reset()
})
afterAll(() => server.close())

describe.each(testDbKinds)('createGateways (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db.close()
  })

  it('answers from the database when no keys are configured', async () => {
    const { paymentGateway, courierGateway } = createGateways({ prisma: db.prisma, config: loadConfig({}) })
    expect(paymentGateway.name).toBe('offline')
    expect(courierGateway.name).toBe('offline')
    expect(await paymentGateway.getStatus('ORD-2025-001')).toMatchObject({ status: 'COMPLETED', grossAmount: 150000 })
    expect(await courierGateway.track('jne', 'JNE123456789')).toMatchObject({
      status: 'IN_TRANSIT',
      location: 'Jakarta',
    })
    expect(midtrans.requests).toHaveLength(0)
    expect(courier.requests).toHaveLength(0)
  })

  it('uses Midtrans and the tracking API, at the configured URLs, when their keys are set', async () => {
    const config = loadConfig({
      MIDTRANS_SERVER_KEY: serverKey,
      MIDTRANS_BASE_URL: 'http://midtrans.test',
      COURIER_API_KEY: apiKey,
      COURIER_API_URL: 'http://courier.test',
    })
    const { paymentGateway, courierGateway } = createGateways({ prisma: db.prisma, config })
    expect(paymentGateway.name).toBe('midtrans')
    expect(courierGateway.name).toBe('binderbyte')

    // Different answers from the database's, so they can only have come over HTTP.
    midtrans.setTransaction('ORD-2025-002', { transaction_status: 'settlement', gross_amount: 264000 })
    courier.setShipment('jne', 'JNE123456789', { status: 'DELIVERED', history: [] })
    expect((await paymentGateway.getStatus('ORD-2025-002')).status).toBe('COMPLETED')
    expect((await courierGateway.track('jne', 'JNE123456789')).status).toBe('DELIVERED')
    expect(midtrans.requests[0]?.url).toBe('http://midtrans.test/v2/ORD-2025-002/status')
    expect(courier.requests[0]?.apiKey).toBe(apiKey)
  })

  it('chooses each gateway on its own key, and applies GATEWAY_TIMEOUT_MS', async () => {
    const config = loadConfig({
      COURIER_API_KEY: apiKey,
      COURIER_API_URL: 'http://courier.test',
      GATEWAY_TIMEOUT_MS: '50',
    })
    const { paymentGateway, courierGateway } = createGateways({ prisma: db.prisma, config })
    expect(paymentGateway.name).toBe('offline')
    expect(courierGateway.name).toBe('binderbyte')
    courier.fail({ kind: 'delay', ms: 300 })
    await expect(courierGateway.track('jne', 'JNE123456789')).rejects.toMatchObject({ failure: 'timeout' })
  })
})
