/**
 * A fake WhatsApp Business Cloud API (Graph API) for MSW: records every call (path and JSON body, in arrival
 * order), answers sends with a fresh `wamid`, refuses a wrong access token the way Meta does (401, code 190),
 * and can fail chosen calls (a Graph error with its code and HTTP status, or a network failure). Plus builders of
 * webhook deliveries in Meta's documented shapes, and their X-Hub-Signature-256.
 *
 * @example
 * const graph = createFakeGraph()
 * const server = setupServer(...graph.handlers)
 * const body = graph.webhook.delivery([graph.webhook.text({ from: '6281234567890', text: 'halo' })])
 * await app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: body, headers: graph.signed(body) })
 */
import { randomUUID } from 'node:crypto'
import { HttpResponse, http } from 'msw'
import { signWhatsAppBody } from '../../adapters/whatsapp/signature.ts'

export const testAccessToken = 'EAAG-test-layan-whatsapp-access-token'
export const testPhoneNumberId = '106540352242922'
export const testDisplayNumber = '15550783881'
export const testAppSecret = 'app-secret-for-tests'
export const testVerifyToken = 'verify-token-for-tests'
export const fakeGraphRoot = 'https://graph.facebook.com'
export const testApiVersion = 'v26.0'

// biome-ignore lint/suspicious/noExplicitAny: a recorded Graph API payload is whatever JSON the client sent
export type Payload = Record<string, any>

export interface RecordedCall {
  method: string
  path: string
  body: Payload
  authorization: string | null
  /** False when the call was refused or failed (a fault, a wrong token). */
  ok: boolean
}

export type GraphFault = { kind: 'graph'; status: number; code: number; message?: string } | { kind: 'network' }

export interface FakeGraphOptions {
  apiRoot?: string
  version?: string
  token?: string
  phoneNumberId?: string
}

export function createFakeGraph(options: FakeGraphOptions = {}) {
  const root = options.apiRoot ?? fakeGraphRoot
  const version = options.version ?? testApiVersion
  const token = options.token ?? testAccessToken
  const phoneNumberId = options.phoneNumberId ?? testPhoneNumberId
  const calls: RecordedCall[] = []
  const faults: GraphFault[] = []
  let sent = 0

  const graphError = (status: number, code: number, message: string) =>
    HttpResponse.json(
      {
        error: {
          message,
          type: 'OAuthException',
          code,
          error_data: { messaging_product: 'whatsapp', details: message },
          fbtrace_id: 'Axyz',
        },
      },
      { status },
    )

  function answer(input: Omit<RecordedCall, 'ok'>) {
    const call: RecordedCall = { ...input, ok: false }
    calls.push(call)
    if (call.authorization !== `Bearer ${token}`) {
      return graphError(401, 190, 'Error validating access token: Session has expired.')
    }
    // Faults are for sends and reads of the profile; read receipts (best effort) always pass.
    const fault = call.body.status === 'read' ? undefined : faults.shift()
    if (fault?.kind === 'network') return HttpResponse.error()
    if (fault?.kind === 'graph') return graphError(fault.status, fault.code, fault.message ?? `error ${fault.code}`)
    call.ok = true
    return null
  }

  const handlers = [
    http.post(`${root}/${version}/${phoneNumberId}/messages`, async ({ request }) => {
      const text = await request.text()
      const body = (text ? JSON.parse(text) : {}) as Payload
      const refused = answer({
        method: 'POST',
        path: `/${phoneNumberId}/messages`,
        body,
        authorization: request.headers.get('authorization'),
      })
      if (refused) return refused
      if (body.status === 'read') return HttpResponse.json({ success: true })
      return HttpResponse.json({
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: `wamid.OUT-${++sent}-${randomUUID().slice(0, 8)}` }],
      })
    }),
    http.get(`${root}/${version}/${phoneNumberId}`, ({ request }) => {
      const refused = answer({
        method: 'GET',
        path: `/${phoneNumberId}`,
        body: {},
        authorization: request.headers.get('authorization'),
      })
      return (
        refused ??
        HttpResponse.json({
          id: phoneNumberId,
          display_phone_number: '+1 555-078-3881',
          verified_name: 'UrbanStyle ID',
        })
      )
    }),
  ]

  let inbound = 0
  const nextId = () => `wamid.IN-${++inbound}-${randomUUID().slice(0, 12)}`
  const nowSeconds = () => String(Math.floor(Date.now() / 1000))

  interface MessageInput {
    from?: string
    id?: string
    timestamp?: string
    name?: string
  }
  /** One message object, with the profile name kept aside for the delivery's `contacts`. */
  type Built = { message: Payload; name: string; from: string }
  const message = (input: MessageInput, type: string, content: Payload): Built => {
    const from = input.from ?? '6281234567890'
    return {
      from,
      name: input.name ?? 'Adi',
      message: { from, id: input.id ?? nextId(), timestamp: input.timestamp ?? nowSeconds(), type, ...content },
    }
  }

  /** Webhook deliveries in Meta's documented shapes. */
  const webhook = {
    text: (input: MessageInput & { text: string }) => message(input, 'text', { text: { body: input.text } }),
    /** A press on a reply button of an interactive message we sent. */
    buttonReply: (input: MessageInput & { buttonId: string; title: string; context?: string }) =>
      message(input, 'interactive', {
        context: { from: testDisplayNumber, id: input.context ?? 'wamid.OUT-context' },
        interactive: { type: 'button_reply', button_reply: { id: input.buttonId, title: input.title } },
      }),
    /** A row chosen in a list message we sent. */
    listReply: (input: MessageInput & { rowId: string; title: string }) =>
      message(input, 'interactive', {
        context: { from: testDisplayNumber, id: 'wamid.OUT-context' },
        interactive: { type: 'list_reply', list_reply: { id: input.rowId, title: input.title, description: '' } },
      }),
    image: (input: MessageInput & { caption?: string } = {}) =>
      message(input, 'image', {
        image: { caption: input.caption, mime_type: 'image/jpeg', sha256: 'c2hhMjU2', id: '1003383421387256' },
      }),
    voice: (input: MessageInput = {}) =>
      message(input, 'audio', {
        audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'c2hhMjU2', id: '1003383421387257', voice: true },
      }),
    document: (input: MessageInput = {}) =>
      message(input, 'document', {
        document: {
          filename: 'bukti-transfer.pdf',
          mime_type: 'application/pdf',
          sha256: 'c2hhMjU2',
          id: '1003383421387258',
        },
      }),
    sticker: (input: MessageInput = {}) =>
      message(input, 'sticker', {
        sticker: { mime_type: 'image/webp', sha256: 'c2hhMjU2', id: '1003383421387259', animated: false },
      }),
    location: (input: MessageInput = {}) =>
      message(input, 'location', {
        location: { latitude: -6.2, longitude: 106.816666, name: 'Monas', address: 'Gambir, Jakarta Pusat' },
      }),
    reaction: (input: MessageInput & { to: string }) =>
      message(input, 'reaction', { reaction: { message_id: input.to, emoji: '👍' } }),

    /** A status of a message we sent. */
    status: (input: { id: string; status: string; recipient?: string; errorCode?: number; errorTitle?: string }) => ({
      id: input.id,
      status: input.status,
      timestamp: nowSeconds(),
      recipient_id: input.recipient ?? '6281234567890',
      ...(input.status === 'sent'
        ? {
            conversation: { id: 'CONVERSATION_ID', origin: { type: 'service' } },
            pricing: { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' },
          }
        : {}),
      ...(input.errorCode === undefined
        ? {}
        : {
            errors: [
              {
                code: input.errorCode,
                title: input.errorTitle ?? 'Error',
                message: input.errorTitle ?? 'Error',
                error_data: { details: 'details' },
              },
            ],
          }),
    }),

    /** The whole POST body: one entry, one change of field "messages", for our phone number unless told. */
    delivery(items: { messages?: Built[]; statuses?: Payload[] }, phoneNumber = phoneNumberId): Payload {
      const contacts = [...new Map((items.messages ?? []).map((m) => [m.from, m.name])).entries()].map(
        ([wa_id, name]) => ({
          profile: { name },
          wa_id,
        }),
      )
      return {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            changes: [
              {
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: testDisplayNumber, phone_number_id: phoneNumber },
                  ...(contacts.length > 0 ? { contacts } : {}),
                  ...(items.messages ? { messages: items.messages.map((m) => m.message) } : {}),
                  ...(items.statuses ? { statuses: items.statuses } : {}),
                },
                field: 'messages',
              },
            ],
          },
        ],
      }
    },
  }

  const isSend = (call: RecordedCall) => call.ok && call.method === 'POST' && call.body.status !== 'read'

  return {
    handlers,
    calls,
    webhook,
    /** The signature header for a body (a string is signed as is; an object as JSON.stringify gives it). */
    signed(body: string | Payload, secret = testAppSecret): Record<string, string> {
      const raw = typeof body === 'string' ? body : JSON.stringify(body)
      return { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsAppBody(raw, secret) }
    },
    /** Messages Meta accepted (not read receipts, not refused calls), in order. */
    sends(to?: string): Payload[] {
      return calls.filter((c) => isSend(c) && (to === undefined || c.body.to === to)).map((c) => c.body)
    },
    /** The texts accepted for one number: text bodies, interactive bodies, and template names as "template:<name>". */
    textsTo(to: string): string[] {
      return calls
        .filter((c) => isSend(c) && c.body.to === to)
        .map((c) => {
          if (c.body.type === 'text') return String(c.body.text.body)
          if (c.body.type === 'interactive') return String(c.body.interactive.body.text)
          return `template:${c.body.template?.name}`
        })
    },
    /** Read receipts (with or without typing), in order. */
    reads(): Payload[] {
      return calls.filter((c) => c.method === 'POST' && c.body.status === 'read').map((c) => c.body)
    },
    /** Fails the next send(s) (or profile reads), one fault per call, in order; read receipts are not failed. */
    failNext(...list: GraphFault[]): void {
      faults.push(...list)
    },
    clear(): void {
      calls.length = 0
      faults.length = 0
    },
  }
}

type FakeGraph = ReturnType<typeof createFakeGraph>
