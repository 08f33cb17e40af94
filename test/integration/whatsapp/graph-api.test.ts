/**
 * The Graph API client against MSW: what it sends, typed failures, which ones it retries (and how long it waits,
 * Retry-After first), and that the access token never appears in an error.
 */
import { delay, HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WhatsAppApiError } from '../../../adapters/whatsapp/errors.ts'
import { createGraphApi } from '../../../adapters/whatsapp/graph-api.ts'
import {
  createFakeGraph,
  fakeGraphRoot,
  testAccessToken,
  testApiVersion,
  testPhoneNumberId,
} from '../../msw/whatsapp.ts'

const graph = createFakeGraph()
const server = setupServer(...graph.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  graph.clear()
  server.resetHandlers()
})
afterAll(() => server.close())

const text = { type: 'text' as const, text: { body: 'Halo', preview_url: false } }

function client(overrides: Partial<Parameters<typeof createGraphApi>[0]> = {}) {
  const pauses: number[] = []
  const api = createGraphApi({
    accessToken: testAccessToken,
    phoneNumberId: testPhoneNumberId,
    apiRoot: `${fakeGraphRoot}/`,
    apiVersion: testApiVersion,
    sleep: async (ms) => {
      pauses.push(ms)
    },
    ...overrides,
  })
  return { api, pauses }
}

async function failure(promise: Promise<unknown>): Promise<WhatsAppApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof WhatsAppApiError) return error
    throw error
  }
  throw new Error('expected a failure')
}

describe('Graph API client', () => {
  it('sends with the bearer token and returns the wamid; marks read with typing; reads the profile', async () => {
    const { api } = client()
    const sent = await api.sendMessage('6281234567890', text)
    expect(sent.id).toMatch(/^wamid\.OUT-/)
    await api.markRead('wamid.IN-1', { typing: true })
    expect(await api.phoneNumber()).toEqual({ displayPhoneNumber: '+1 555-078-3881', verifiedName: 'UrbanStyle ID' })
    expect(graph.calls.map((c) => [c.method, c.path, c.authorization])).toEqual([
      ['POST', `/${testPhoneNumberId}/messages`, `Bearer ${testAccessToken}`],
      ['POST', `/${testPhoneNumberId}/messages`, `Bearer ${testAccessToken}`],
      ['GET', `/${testPhoneNumberId}`, `Bearer ${testAccessToken}`],
    ])
    expect(graph.calls[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6281234567890',
      ...text,
    })
    expect(graph.calls[1]?.body).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.IN-1',
      typing_indicator: { type: 'text' },
    })
  })

  it('retries rate limits, temporary errors and unreachable hosts with growing pauses, then succeeds', async () => {
    const { api, pauses } = client()
    graph.failNext(
      { kind: 'graph', status: 400, code: 130429, message: 'Rate limit hit' },
      { kind: 'graph', status: 500, code: 131000, message: 'Something went wrong' },
    )
    expect((await api.sendMessage('6281234567890', text)).id).toMatch(/^wamid/)
    expect(pauses).toEqual([500, 1500])
    const again = client()
    graph.failNext({ kind: 'network' }, { kind: 'network' }, { kind: 'network' })
    const error = await failure(again.api.sendMessage('6281234567890', text))
    expect(error.failure).toBe('unreachable')
    expect(error.refused).toBe(false)
    expect(again.pauses).toHaveLength(2)
  })

  it('waits as long as Retry-After says (at most 30 s)', async () => {
    let calls = 0
    server.use(
      http.post(`${fakeGraphRoot}/${testApiVersion}/${testPhoneNumberId}/messages`, () => {
        calls++
        if (calls === 1) {
          return HttpResponse.json(
            { error: { message: 'slow down', code: 80007 } },
            { status: 429, headers: { 'Retry-After': '7' } },
          )
        }
        if (calls === 2) {
          return HttpResponse.json(
            { error: { message: 'slow down', code: 80007 } },
            { status: 429, headers: { 'Retry-After': '600' } },
          )
        }
        return HttpResponse.json({ messages: [{ id: 'wamid.OK' }] })
      }),
    )
    const { api, pauses } = client()
    expect(await api.sendMessage('6281234567890', text)).toEqual({ id: 'wamid.OK' })
    expect(pauses).toEqual([7000, 30_000])
  })

  it('does not retry what a retry cannot fix, and says what it was', async () => {
    for (const [code, status, kind] of [
      [131047, 400, 'reengagement_required'],
      [132001, 404, 'template'],
      [131026, 400, 'recipient'],
      [100, 400, 'invalid_request'],
      [131056, 400, 'pair_rate_limited'],
    ] as const) {
      const { api, pauses } = client()
      graph.failNext({ kind: 'graph', status, code, message: `error ${code}` })
      const error = await failure(api.sendMessage('6281234567890', text))
      expect([error.failure, error.graphCode, error.httpStatus]).toEqual([kind, code, status])
      expect(pauses).toEqual([])
    }
  })

  it('reports a bad token as auth, without the token, and never retries it', async () => {
    const wrong = 'EAAG-wrong-token-that-must-not-leak'
    server.use(
      http.post(`${fakeGraphRoot}/${testApiVersion}/${testPhoneNumberId}/messages`, () =>
        HttpResponse.json(
          { error: { message: `Invalid OAuth access token - Cannot parse access token ${wrong}`, code: 190 } },
          { status: 401 },
        ),
      ),
    )
    const { api, pauses } = client({ accessToken: wrong })
    const error = await failure(api.sendMessage('6281234567890', text))
    expect(error.failure).toBe('auth')
    expect(error.message).toBe('whatsapp auth (190): Invalid OAuth access token - Cannot parse access token [redacted]')
    expect(pauses).toEqual([])
  })

  it('times out, and refuses an answer it cannot read', async () => {
    server.use(
      http.post(`${fakeGraphRoot}/${testApiVersion}/${testPhoneNumberId}/messages`, async () => {
        await delay(500)
        return HttpResponse.json({ messages: [{ id: 'late' }] })
      }),
    )
    const slow = client({ timeoutMs: 50 })
    expect((await failure(slow.api.sendMessage('6281234567890', text))).failure).toBe('timeout')
    server.use(
      http.post(`${fakeGraphRoot}/${testApiVersion}/${testPhoneNumberId}/messages`, () => HttpResponse.json({ ok: 1 })),
    )
    expect((await failure(client().api.sendMessage('6281234567890', text))).failure).toBe('invalid_response')
  })
})
