/**
 * What the real process writes to its log while customers pour personal data into the chat: phone numbers in
 * several spellings, e-mail addresses, street addresses (a new shipping address, a hand-off request that repeats
 * it), plus requests whose URLs carry secrets in their query strings. Every line the process printed, at debug
 * level, is checked: none of it may appear. And a Telegram bot whose Bot API is unreachable never prints its
 * token.
 */
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, type ServerProcess, startServer } from '../helpers/processes.ts'

/** Pieces of personal data and secrets that must never reach the log, each as the customer or caller wrote it. */
const secrets = {
  phones: ['0812-3456-7890', '+62 813 5551 2345', '6281298765432', '081234567890'],
  phoneDigits: ['34567890', '55512345', '98765432'],
  emails: ['rina.kartika@example.co.id', 'adi@example.com'],
  streets: ['Merdeka', 'Sukajadi', 'Kebon Jeruk', 'Cempaka Putih'],
  query: ['sup3r-secret-api-key', 'letmein-token-42'],
}

function sayer(base: string) {
  let cookie = ''
  return async (text: string, action?: { kind: 'confirm'; token: string }) => {
    if (!cookie) {
      const page = await fetch(`${base}/api/chat/session`)
      cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    }
    const res = await fetch(`${base}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(action ? { action } : { text }),
    })
    return (await res.json()) as {
      replies: { text: string; buttons?: { action: { kind: string; token: string } }[] }[]
    }
  }
}

describe('log privacy of the running service', () => {
  let app: ServerProcess
  beforeAll(async () => {
    app = await startServer({ LOG_LEVEL: 'debug', BOT_API_TOKEN: 'bot-api-token-for-log-test' }, ['--fresh'])
    await app.ready()
  }, 120_000)
  afterAll(async () => {
    await app?.stop()
  })

  it('a conversation full of personal data leaves none of it in the log', async () => {
    const say = sayer(app.base)
    await say('Halo, nama saya Rina, HP saya 0812-3456-7890 atau +62 813 5551 2345, email rina.kartika@example.co.id')
    expect((await say('verifikasi ORD-2025-002 7890')).replies[0]?.text).toContain('Adi Mulyana')
    const change = await say(
      'ubah alamat ORD-2025-002 ke Jl. Merdeka No. 123, RT 01/RW 02, Kel. Sukajadi, Kec. Kebon Jeruk, Jakarta 11530',
    )
    const confirm = change.replies.flatMap((r) => r.buttons ?? []).find((b) => b.action.kind === 'confirm')
    expect(confirm).toBeDefined()
    const done = await say('', { kind: 'confirm', token: confirm?.action.token ?? '' })
    expect(done.replies[0]?.text).toContain('Merdeka')
    await say('tolong hubungkan ke CS, kirim ke Gg. Cempaka Putih 7 ya, hp 6281298765432, email adi@example.com')
    await say('bicara dengan CS, nomor saya 081234567890')
    // Secrets in query strings, on routes that exist and that do not.
    await fetch(`${app.base}/api/chat/session?token=letmein-token-42`)
    await fetch(`${app.base}/nothing-here?api_key=sup3r-secret-api-key&awb=JNE123456789`)
    await fetch(`${app.base}/api/bot/order/summary`, {
      method: 'POST',
      headers: { authorization: 'Bearer bot-api-token-for-log-test', 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'cust-adi' }),
    })
    await new Promise((resolve) => setTimeout(resolve, 300))

    const log = app.output()
    const lines = log.split('\n').filter(Boolean)
    expect(lines.length).toBeGreaterThan(20)
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow()
    // The conversation really was logged (a hand-off, requests), just without the data.
    // (`npm start` with no staff channel: the request for a person is logged, and nothing is opened.)
    expect(log).toContain('hand-off not opened: no staff channel is configured')
    expect(log).toContain('/nothing-here?api_key=[redacted]')
    for (const value of [
      ...secrets.phones,
      ...secrets.phoneDigits,
      ...secrets.emails,
      ...secrets.streets,
      ...secrets.query,
      'bot-api-token-for-log-test',
    ]) {
      expect(log, value).not.toContain(value)
    }
  })
})

describe('a Telegram bot whose Bot API fails', () => {
  const token = '7312345678:AAH_layanLogTestSecretTokenValue-0123456789'
  let botApi: Server
  let fetchesFailed = 0
  let app: ServerProcess | undefined
  beforeAll(async () => {
    const port = await freePort()
    // A stand-in Bot API: start-up calls succeed, every getUpdates connection is dropped.
    botApi = createServer((req, res) => {
      const method = (req.url ?? '').split('/').pop()
      req.resume()
      req.on('end', () => {
        if (method === 'getUpdates') {
          fetchesFailed++
          req.socket.destroy()
          return
        }
        const me = { id: 7312345678, is_bot: true, first_name: 'Layan', username: 'layan_log_bot' }
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify({ ok: true, result: method === 'getMe' ? me : true }))
      })
    })
    await new Promise<void>((resolve) => botApi.listen(port, '127.0.0.1', resolve))
    app = await startServer(
      { LOG_LEVEL: 'debug', TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` },
      ['--fresh'],
    )
    await app.ready()
  }, 120_000)
  afterAll(async () => {
    await app?.stop()
    await new Promise<void>((resolve) => botApi.close(() => resolve()))
  })

  it('prints no part of the token, however often fetching updates fails', async () => {
    await expect.poll(() => fetchesFailed, { timeout: 30_000, interval: 200 }).toBeGreaterThanOrEqual(3)
    await app?.stop()
    const log = app?.output() ?? ''
    expect(log).toContain('getUpdates failed')
    expect(log).not.toContain(token)
    expect(log).not.toContain(token.split(':')[1])
    for (const line of log.split('\n').filter(Boolean)) expect(() => JSON.parse(line), line).not.toThrow()
  })
})
