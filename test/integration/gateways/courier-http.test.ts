import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createBinderbyteCourierGateway } from '../../../src/gateways/courier-http.ts'
import { GatewayError, type GatewayFailure } from '../../../src/gateways/errors.ts'
import type { Carrier } from '../../../src/generated/prisma/enums.ts'
import { binderbyteTrackBody, type CourierFault, createFakeBinderbyte } from '../../msw/courier.ts'

const apiKey = 'bb-SECRET-key/with+chars=42'
const binderbyte = createFakeBinderbyte({ apiKey })
const custom = createFakeBinderbyte({ apiKey, baseUrl: 'http://tracking.test:9000/api' })
const server = setupServer(...binderbyte.handlers, ...custom.handlers)

const gateway = createBinderbyteCourierGateway({ apiKey, baseUrl: 'https://api.binderbyte.com', timeoutMs: 2000 })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  binderbyte.reset()
  custom.reset()
  server.resetHandlers()
})
afterAll(() => server.close())

async function gatewayError(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => expect.fail('expected the call to fail'),
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(GatewayError)
  return error as GatewayError
}

function expectNoSecret(error: GatewayError) {
  expect(error.message).not.toContain(apiKey)
  expect(error.message).not.toContain(encodeURIComponent(apiKey))
}

// Newest first, as the API lists it.
const jneHistory = [
  { date: '2025-11-22 08:15:00', desc: 'WITH DELIVERY COURIER [BANDUNG]', location: 'BANDUNG' },
  { date: '2025-11-21 23:40:00', desc: 'RECEIVED AT WAREHOUSE [BANDUNG]', location: 'BANDUNG' },
  { date: '2025-11-21 14:05:00', desc: 'DEPARTED FROM TRANSIT [GATEWAY JAKARTA]', location: 'JAKARTA' },
  { date: '2025-11-21 10:00:00', desc: 'SHIPMENT RECEIVED BY JNE COUNTER OFFICER AT [JAKARTA]', location: 'JAKARTA' },
]

describe('courier gateway (Binderbyte): track', () => {
  it('asks GET /v1/track with api_key, courier and awb, and maps the answer', async () => {
    binderbyte.setShipment('jne', 'JNE123456789', { status: 'ON PROCESS', history: jneHistory })

    const tracking = await gateway.track('jne', 'JNE123456789')

    expect(binderbyte.requests).toHaveLength(1)
    const [request] = binderbyte.requests
    expect(request).toMatchObject({
      method: 'GET',
      path: '/v1/track',
      apiKey,
      courier: 'jne',
      awb: 'JNE123456789',
    })
    expect(new URL(request!.url).origin).toBe('https://api.binderbyte.com')
    expect([...new URL(request!.url).searchParams.keys()].sort()).toEqual(['api_key', 'awb', 'courier'])

    expect(tracking).toEqual({
      status: 'IN_TRANSIT',
      rawStatus: 'ON PROCESS',
      location: 'BANDUNG',
      deliveredAt: undefined,
      events: [
        {
          status: 'IN_TRANSIT',
          location: 'JAKARTA',
          description: 'SHIPMENT RECEIVED BY JNE COUNTER OFFICER AT [JAKARTA]',
          occurredAt: new Date('2025-11-21T03:00:00.000Z'),
        },
        {
          status: 'IN_TRANSIT',
          location: 'JAKARTA',
          description: 'DEPARTED FROM TRANSIT [GATEWAY JAKARTA]',
          occurredAt: new Date('2025-11-21T07:05:00.000Z'),
        },
        {
          status: 'IN_TRANSIT',
          location: 'BANDUNG',
          description: 'RECEIVED AT WAREHOUSE [BANDUNG]',
          occurredAt: new Date('2025-11-21T16:40:00.000Z'),
        },
        {
          status: 'OUT_FOR_DELIVERY',
          location: 'BANDUNG',
          description: 'WITH DELIVERY COURIER [BANDUNG]',
          // 08:15 WIB is 01:15 UTC
          occurredAt: new Date('2025-11-22T01:15:00.000Z'),
        },
      ],
    })
  })

  it('reports a delivery with its time', async () => {
    binderbyte.setShipment('sicepat', 'SCP1234567890', {
      status: 'DELIVERED',
      history: [
        { date: '2025-10-05 13:20:00', desc: 'DELIVERED TO [ADI | 05-10-2025 13:20 | BANDUNG]', location: 'BANDUNG' },
        { date: '2025-10-05 09:00:00', desc: 'WITH DELIVERY COURIER [BANDUNG]', location: 'BANDUNG' },
        { date: '2025-10-03 18:00:00', desc: 'PICKED UP', location: 'JAKARTA' },
      ],
    })
    const tracking = await gateway.track('sicepat', 'SCP1234567890')
    expect(binderbyte.requests[0]).toMatchObject({ courier: 'sicepat', awb: 'SCP1234567890' })
    expect(tracking.status).toBe('DELIVERED')
    expect(tracking.deliveredAt).toEqual(new Date('2025-10-05T06:20:00.000Z'))
    expect(tracking.events.map((e) => e.status)).toEqual(['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'])
  })

  it.each([
    ['DELIVERED', 'DELIVERED'],
    ['ON PROCESS', 'IN_TRANSIT'],
    ['ON TRANSIT', 'IN_TRANSIT'],
    ['WITH DELIVERY COURIER', 'OUT_FOR_DELIVERY'],
    ['MANIFEST', 'IN_TRANSIT'],
    ['PICKUP', 'PENDING_PICKUP'],
    ['RETURN', 'RETURNED'],
    ['UNDELIVERED', 'FAILED'],
  ] as const)('maps summary status %j to %s', async (summaryStatus, expected) => {
    binderbyte.setShipment('jne', 'JNE1', {
      status: summaryStatus,
      history: [{ date: '2025-11-21 10:00:00', desc: 'SOMETHING THE COURIER SAID', location: 'JAKARTA' }],
    })
    const tracking = await gateway.track('jne', 'JNE1')
    expect(tracking).toMatchObject({ status: expected, rawStatus: summaryStatus })
  })

  it('keeps an unknown summary status as raw text, taking the status from the newest known event', async () => {
    binderbyte.setShipment('jne', 'JNE2', {
      status: 'BELUM ADA KABAR',
      history: [
        { date: '2025-11-22 08:15:00', desc: 'WITH DELIVERY COURIER [BANDUNG]', location: 'BANDUNG' },
        { date: '2025-11-21 10:00:00', desc: 'MANIFESTED', location: 'JAKARTA' },
      ],
    })
    expect(await gateway.track('jne', 'JNE2')).toMatchObject({
      status: 'OUT_FOR_DELIVERY',
      rawStatus: 'BELUM ADA KABAR',
    })

    binderbyte.setShipment('jne', 'JNE3', {
      status: 'STATUS BARU',
      history: [{ date: '2025-11-21 10:00:00', desc: 'Kabar baru dari kurir', location: '' }],
    })
    const unknown = await gateway.track('jne', 'JNE3')
    expect(unknown).toMatchObject({ status: 'IN_TRANSIT', rawStatus: 'STATUS BARU', location: undefined })
    expect(unknown.events).toEqual([
      {
        status: 'IN_TRANSIT',
        location: undefined,
        description: 'Kabar baru dari kurir',
        occurredAt: new Date('2025-11-21T03:00:00.000Z'),
      },
    ])
  })

  it('accepts a waybill with no history yet', async () => {
    binderbyte.setShipment('anteraja', 'AA1', { status: 'PICKUP REQUEST', history: [] })
    expect(await gateway.track('anteraja', 'AA1')).toEqual({
      status: 'PENDING_PICKUP',
      rawStatus: 'PICKUP REQUEST',
      location: undefined,
      deliveredAt: undefined,
      events: [],
    })
  })

  it.each([
    ['jne', 'jne'],
    ['sicepat', 'sicepat'],
    ['tiki', 'tiki'],
    ['pos', 'pos'],
    ['jnt', 'jnt'],
    ['anteraja', 'anteraja'],
    ['gofresh', 'gofresh'],
  ] as [Carrier, string][])('sends carrier %s as courier=%s', async (carrier, code) => {
    binderbyte.setShipment(code, 'AWB-1', { status: 'ON PROCESS', history: [] })
    await gateway.track(carrier, 'AWB-1')
    expect(binderbyte.requests[0]?.courier).toBe(code)
  })

  it('uses the configured API root (COURIER_API_URL), with or without a trailing slash', async () => {
    custom.setShipment('jne', 'JNE123456789', { status: 'DELIVERED', history: [] })
    for (const baseUrl of ['http://tracking.test:9000/api', 'http://tracking.test:9000/api/']) {
      const other = createBinderbyteCourierGateway({ apiKey, baseUrl, timeoutMs: 2000 })
      expect((await other.track('jne', 'JNE123456789')).status).toBe('DELIVERED')
    }
    expect(custom.requests.map((r) => r.path)).toEqual(['/api/v1/track', '/api/v1/track'])
    expect(binderbyte.requests).toHaveLength(0)
  })

  it('refuses an API root that is not absolute http(s) when it is created', () => {
    for (const baseUrl of ['api.binderbyte.com', 'file:///etc']) {
      expect(() => createBinderbyteCourierGateway({ apiKey, baseUrl, timeoutMs: 2000 })).toThrow(/COURIER_API_URL/)
    }
  })

  it('encodes the waybill and key as query values', async () => {
    binderbyte.setShipment('jne', 'A&B=C D', { status: 'ON PROCESS', history: [] })
    await gateway.track('jne', 'A&B=C D')
    expect(binderbyte.requests[0]).toMatchObject({ awb: 'A&B=C D', apiKey })
  })
})

describe('courier gateway (Binderbyte): failures', () => {
  const fast = createBinderbyteCourierGateway({ apiKey, baseUrl: 'https://api.binderbyte.com', timeoutMs: 100 })
  const valid = binderbyteTrackBody('jne', 'JNE123456789', { status: 'ON PROCESS', history: jneHistory })

  it.each([
    ['an answer slower than the timeout', { kind: 'delay', ms: 400 }, 'timeout', undefined],
    ['HTTP 500', { kind: 'http', status: 500, body: { status: 500, message: 'Server error' } }, 'refused', 500],
    ['HTTP 503 with an HTML page', { kind: 'raw', status: 503, text: '<!doctype html><h1>503</h1>' }, 'refused', 503],
    [
      'HTTP 200 with status 400 in the body',
      { kind: 'body', body: { status: 400, message: 'Data not found' } },
      'refused',
      400,
    ],
    [
      'HTTP 200 with a string status',
      { kind: 'body', body: { status: '500', message: 'Upstream courier down' } },
      'refused',
      500,
    ],
    [
      'HTTP 200 without a status',
      { kind: 'body', body: { message: 'ok', data: valid.data } },
      'invalid_response',
      undefined,
    ],
    ['malformed JSON', { kind: 'raw', text: '{"status":200,"data":{' }, 'invalid_response', undefined],
    [
      'JSON of the wrong shape',
      { kind: 'body', body: { status: 200, message: 'ok', data: { summary: {} } } },
      'invalid_response',
      undefined,
    ],
    [
      'a history date that is not a date',
      {
        kind: 'body',
        body: { ...valid, data: { ...valid.data, history: [{ date: 'kemarin', desc: 'X', location: 'Y' }] } },
      },
      'invalid_response',
      undefined,
    ],
    ['an unreachable host', { kind: 'network' }, 'unreachable', undefined],
  ] as [string, CourierFault, GatewayFailure, number | undefined][])(
    '%s → %s',
    async (_label, fault, failure, httpStatus) => {
      binderbyte.setShipment('jne', 'JNE123456789', { status: 'ON PROCESS', history: jneHistory })
      binderbyte.fail(fault)
      const error = await gatewayError(fast.track('jne', 'JNE123456789'))
      expect(error.gateway).toBe('courier')
      expect(error.failure).toBe(failure)
      expect(error.httpStatus).toBe(httpStatus)
      expectNoSecret(error)
      expect(binderbyte.requests).toHaveLength(1)
    },
  )

  it('refuses an unknown waybill with the remote message', async () => {
    const error = await gatewayError(gateway.track('jne', 'NOPE'))
    expect(error).toMatchObject({ failure: 'refused', httpStatus: 400 })
    expect(error.message).toContain('Data not found')
  })

  it('refuses a wrong key without repeating it', async () => {
    const wrongKey = 'bb-WRONG-key-777'
    const other = createBinderbyteCourierGateway({
      apiKey: wrongKey,
      baseUrl: 'https://api.binderbyte.com',
      timeoutMs: 2000,
    })
    const error = await gatewayError(other.track('jne', 'JNE123456789'))
    expect(error).toMatchObject({ failure: 'refused', httpStatus: 400 })
    expect(error.message).toContain('Invalid API key')
    expect(error.message).not.toContain(wrongKey)
  })

  it('cuts the key out of a remote message that echoes it, raw or URL-encoded', async () => {
    binderbyte.fail({
      kind: 'body',
      body: { status: 401, message: `api_key ${apiKey} (${encodeURIComponent(apiKey)}) is not active` },
    })
    const error = await gatewayError(gateway.track('jne', 'JNE123456789'))
    expect(error.message).toContain('[redacted]')
    expectNoSecret(error)
  })
})
