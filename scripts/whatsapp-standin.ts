/**
 * `npm run whatsapp:standin`: a local stand-in of the WhatsApp Cloud API for trying the channel by hand, without
 * a Meta account. It plays both sides Layan talks to:
 *
 * - the Graph API: Layan's sends (`POST /<version>/<phone-number-id>/messages`) are printed here, and each one is
 *   answered with a wamid and followed by signed `sent`, `delivered` and `read` statuses;
 * - the customer's phone: what you type is delivered to Layan's webhook as a signed message, like Meta would.
 *
 * Run Layan with the same settings (see docs/whatsapp.md):
 *   WHATSAPP_ACCESS_TOKEN=local WHATSAPP_PHONE_NUMBER_ID=100000000000001 WHATSAPP_APP_SECRET=local-secret \
 *   WHATSAPP_VERIFY_TOKEN=local-verify WHATSAPP_API_ROOT=http://127.0.0.1:4100 npm start
 *   npm run whatsapp:standin
 *
 * Settings come from the environment and `.env` like Layan's: WHATSAPP_APP_SECRET (to sign), WHATSAPP_PHONE_NUMBER_ID,
 * WHATSAPP_ACCESS_TOKEN (when set, a send with another token is refused like Meta does), STANDIN_PORT (4100),
 * LAYAN_URL (http://127.0.0.1:$PORT, default port 3000), STANDIN_LINGER_MS (stop this long after the input ends;
 * unset: keep serving). `--json` prints each message Layan sends as one JSON line on standard output (everything
 * else goes to standard error), for scripts.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createInterface } from 'node:readline'
import { signWhatsAppBody } from '../adapters/whatsapp/signature.ts'
import { loadEnvFile } from '../src/env-file.ts'

loadEnvFile()
const json = process.argv.includes('--json')
const port = Number(process.env.STANDIN_PORT ?? 4100)
const appSecret = process.env.WHATSAPP_APP_SECRET ?? 'local-secret'
const phoneNumberId = process.env.WHATSAPP_PHONE_NUMBER_ID ?? '100000000000001'
const accessToken = process.env.WHATSAPP_ACCESS_TOKEN
const layanUrl = (process.env.LAYAN_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '')
const displayNumber = '15550001111'

// biome-ignore lint/suspicious/noExplicitAny: the JSON Layan sends, printed as it came
type Sent = Record<string, any>

let customer = '6281234567890'
let customerName = 'Adi'
let lastInteractive: Sent | null = null
let lastDelivered: Sent | null = null
let outCount = 0

const say = (line: string) => process.stderr.write(`${line}\n`)

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      body += chunk
    })
    request.on('end', () => resolve(body))
    request.on('error', reject)
  })
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

/** The buttons or rows of an interactive message, in order, as [id, title]. */
function choicesOf(message: Sent): [string, string][] {
  const interactive = message.interactive ?? {}
  if (interactive.type === 'button') {
    return (interactive.action?.buttons ?? []).map((b: Sent) => [b.reply?.id, b.reply?.title])
  }
  return (interactive.action?.sections ?? []).flatMap((section: Sent) =>
    (section.rows ?? []).map((r: Sent) => [r.id, r.title]),
  )
}

function show(message: Sent): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(message)}\n`)
    return
  }
  const to = `Layan → ${message.to}`
  if (message.type === 'text') say(`\n◀ ${to}\n${message.text?.body}`)
  else if (message.type === 'interactive') {
    say(`\n◀ ${to} (${message.interactive?.type})\n${message.interactive?.body?.text}`)
    say(
      choicesOf(message)
        .map(([, title], i) => `  [${i + 1}] ${title}`)
        .join('\n'),
    )
    say('  (answer with /press <number>)')
  } else if (message.type === 'template') {
    const params = (message.template?.components?.[0]?.parameters ?? []).map((p: Sent) => p.text)
    say(`\n◀ ${to} (template ${message.template?.name}, ${message.template?.language?.code})\n  ${params.join(' | ')}`)
  } else say(`\n◀ ${to}\n${JSON.stringify(message)}`)
}

/** Delivers a webhook body to Layan, signed with the app secret. */
async function deliver(value: Sent): Promise<void> {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '100000000000000',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: displayNumber, phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  })
  try {
    const response = await fetch(`${layanUrl}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsAppBody(body, appSecret) },
      body,
    })
    if (response.status !== 200) say(`  ! Layan answered ${response.status}: ${await response.text()}`)
  } catch (error) {
    say(`  ! Layan is not reachable at ${layanUrl}: ${(error as Error).message}`)
  }
}

function inbound(type: string, content: Sent): Sent {
  return {
    from: customer,
    id: `wamid.STANDIN-IN-${randomUUID()}`,
    timestamp: String(Math.floor(Date.now() / 1000)),
    type,
    ...content,
  }
}

async function sendAsCustomer(message: Sent): Promise<void> {
  lastDelivered = message
  await deliver({ contacts: [{ profile: { name: customerName }, wa_id: customer }], messages: [message] })
}

/** Meta's statuses for a message it accepted: sent, delivered, read. */
function followWithStatuses(id: string, to: string): void {
  ;['sent', 'delivered', 'read'].forEach((status, i) => {
    setTimeout(
      () => {
        void deliver({
          statuses: [{ id, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: to }],
        })
      },
      150 * (i + 1),
    ).unref()
  })
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://standin')
  const parts = url.pathname.split('/').filter(Boolean)
  if (accessToken && request.headers.authorization !== `Bearer ${accessToken}`) {
    answer(response, 401, { error: { message: 'Error validating access token', type: 'OAuthException', code: 190 } })
    return
  }
  if (request.method === 'GET' && parts.length === 2 && parts[1] === phoneNumberId) {
    answer(response, 200, { id: phoneNumberId, display_phone_number: '+1 555-000-1111', verified_name: 'Stand-in' })
    return
  }
  if (request.method !== 'POST' || parts.length !== 3 || parts[1] !== phoneNumberId || parts[2] !== 'messages') {
    answer(response, 404, { error: { message: `Unknown path ${url.pathname}`, code: 100 } })
    return
  }
  let message: Sent
  try {
    message = JSON.parse(await readBody(request)) as Sent
  } catch {
    answer(response, 400, { error: { message: 'Invalid JSON', code: 100 } })
    return
  }
  if (message.status === 'read') {
    if (!json) say(message.typing_indicator ? '  (read, typing…)' : '  (read)')
    answer(response, 200, { success: true })
    return
  }
  const id = `wamid.STANDIN-OUT-${++outCount}`
  show(message)
  if (message.type === 'interactive' && message.to === customer) lastInteractive = message
  answer(response, 200, {
    messaging_product: 'whatsapp',
    contacts: [{ input: message.to, wa_id: message.to }],
    messages: [{ id }],
  })
  followWithStatuses(id, String(message.to))
})

const help = `Type a message as the customer, or:
  /from <number> [name]   write as another number (digits, e.g. 6281298765432); now ${customer}
  /press <n>              press button or list row <n> of the last interactive message
  /image [caption]  /voice  /document  /sticker  /location   send media
  /repeat                 deliver the last message again (same id: Layan answers it once)
  /help  /quit`

async function command(line: string): Promise<void> {
  const [word = '', ...rest] = line.trim().split(/\s+/)
  const arg = rest.join(' ')
  switch (word) {
    case '':
      return
    case '/help':
      say(help)
      return
    case '/quit':
      process.exit(0)
      return
    case '/from':
      if (!/^\d{6,20}$/.test(rest[0] ?? '')) {
        say('  usage: /from 6281298765432 [name]')
        return
      }
      customer = rest[0] ?? customer
      customerName = rest.slice(1).join(' ') || 'Pelanggan'
      say(`  now writing as ${customer} (${customerName})`)
      return
    case '/press': {
      const choice = lastInteractive ? choicesOf(lastInteractive)[Number(arg) - 1] : undefined
      if (!lastInteractive || !choice) {
        say('  nothing to press: no interactive message, or no such number')
        return
      }
      const [id, title] = choice
      const kind = lastInteractive.interactive?.type === 'list' ? 'list_reply' : 'button_reply'
      await sendAsCustomer(
        inbound('interactive', {
          context: { from: displayNumber, id: 'wamid.STANDIN-OUT' },
          interactive: { type: kind, [kind]: { id, title } },
        }),
      )
      return
    }
    case '/image':
      await sendAsCustomer(
        inbound('image', { image: { id: '1', mime_type: 'image/jpeg', sha256: 'x', caption: arg || undefined } }),
      )
      return
    case '/voice':
      await sendAsCustomer(
        inbound('audio', { audio: { id: '2', mime_type: 'audio/ogg; codecs=opus', sha256: 'x', voice: true } }),
      )
      return
    case '/document':
      await sendAsCustomer(
        inbound('document', {
          document: { id: '3', mime_type: 'application/pdf', sha256: 'x', filename: 'bukti.pdf' },
        }),
      )
      return
    case '/sticker':
      await sendAsCustomer(
        inbound('sticker', { sticker: { id: '4', mime_type: 'image/webp', sha256: 'x', animated: false } }),
      )
      return
    case '/location':
      await sendAsCustomer(inbound('location', { location: { latitude: -6.1754, longitude: 106.8272, name: 'Monas' } }))
      return
    case '/repeat':
      if (lastDelivered) await sendAsCustomer(lastDelivered)
      else say('  nothing to repeat yet')
      return
    default:
      if (word.startsWith('/')) {
        say(`  unknown command ${word}; /help lists them`)
        return
      }
      await sendAsCustomer(inbound('text', { text: { body: line.trim() } }))
  }
}

server.listen(port, '127.0.0.1', () => {
  say(
    `WhatsApp stand-in: Graph API at http://127.0.0.1:${port} (phone number id ${phoneNumberId}), webhook ${layanUrl}/webhooks/whatsapp`,
  )
  if (!json) say(help)
  // One line at a time, in order: the next waits until the previous one was delivered.
  let queue = Promise.resolve()
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    queue = queue.then(() => command(line))
  })
  // When the input ends the stand-in keeps serving Layan, or, with STANDIN_LINGER_MS, stops that long after.
  lines.on('close', () => {
    const linger = Number(process.env.STANDIN_LINGER_MS)
    if (Number.isFinite(linger) && linger >= 0) void queue.then(() => setTimeout(() => process.exit(0), linger))
  })
})
