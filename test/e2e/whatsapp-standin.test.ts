/**
 * WhatsApp the way docs/whatsapp.md tells a developer to try it: `npm start` with the WhatsApp settings and the
 * local stand-in of the Graph API (`npm run whatsapp:standin`), whole processes. A message typed into the
 * stand-in is answered through the real server; and a message whose answer could not be sent (the Graph API
 * down) survives the server being killed with SIGKILL, and is answered by the next start.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signWhatsAppBody } from '../../adapters/whatsapp/signature.ts'
import { commandEnv, freePort, type Started, startEntry, stop, waitForHealth } from '../helpers/processes.ts'

const settings = {
  WHATSAPP_ACCESS_TOKEN: 'local-token',
  WHATSAPP_PHONE_NUMBER_ID: '100000000000001',
  WHATSAPP_APP_SECRET: 'local-secret',
  WHATSAPP_VERIFY_TOKEN: 'local-verify',
}

let dir: string
let serverPort: number
let standinPort: number

function startServer(): Started {
  return startEntry('src/main.ts', [], {
    env: commandEnv({
      ...settings,
      DATA_DIR: path.join(dir, 'data'),
      PORT: String(serverPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      WHATSAPP_API_ROOT: `http://127.0.0.1:${standinPort}`,
    }),
  })
}

function startStandin(): Started {
  return startEntry('scripts/whatsapp-standin.ts', ['--json'], {
    env: commandEnv({ ...settings, STANDIN_PORT: String(standinPort), LAYAN_URL: `http://127.0.0.1:${serverPort}` }),
    stdin: 'pipe',
  })
}

/** The messages Layan sent, as the stand-in printed them (one JSON line each). */
function sentBy(standin: Started): { to: string; type: string; text?: { body: string } }[] {
  return standin
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
}

async function waitFor(check: () => boolean, what: string, started: Started[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${what} did not happen:\n${started.map((s) => s.output().slice(-2000)).join('\n---\n')}`)
}

describe('WhatsApp with the local stand-in', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'layan-whatsapp-'))
    serverPort = await freePort()
    standinPort = await freePort()
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers what is typed into the stand-in, and a stored message survives a killed server', async () => {
    const base = `http://127.0.0.1:${serverPort}`
    let server = startServer()
    let standin = startStandin()
    try {
      await waitForHealth(base, server)
      await waitFor(() => standin.output().includes('WhatsApp stand-in'), 'the stand-in start', [standin])
      standin.child.stdin?.write('paket ORD-2025-001 udah sampai mana?\n')
      await waitFor(() => sentBy(standin).length >= 1, 'the answer', [server, standin])
      const [answer] = sentBy(standin)
      expect(answer?.to).toBe('6281234567890')
      expect(answer?.text?.body).toContain('JNE123456789')

      // The Graph API goes down; Meta delivers a message; the server stores it, answers 200, cannot send, dies.
      await stop(standin)
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '1',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: '15550001111', phone_number_id: settings.WHATSAPP_PHONE_NUMBER_ID },
                  contacts: [{ profile: { name: 'Siti' }, wa_id: '6281298765432' }],
                  messages: [
                    {
                      from: '6281298765432',
                      id: 'wamid.E2E-KILLED-1',
                      timestamp: String(Math.floor(Date.now() / 1000)),
                      type: 'text',
                      text: { body: 'cek stok KAOS-001' },
                    },
                  ],
                },
              },
            ],
          },
        ],
      })
      const delivered = await fetch(`${base}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signWhatsAppBody(body, settings.WHATSAPP_APP_SECRET),
        },
        body,
      })
      expect(delivered.status).toBe(200)
      await waitFor(() => server.output().includes('inbound message not handled'), 'the failed send', [server])
      await stop(server, 'SIGKILL')

      standin = startStandin()
      server = startServer()
      await waitForHealth(base, server)
      await waitFor(() => sentBy(standin).some((m) => m.to === '6281298765432'), 'the answer after the restart', [
        server,
        standin,
      ])
      const after = sentBy(standin).filter((m) => m.to === '6281298765432')
      expect(after).toHaveLength(1)
      expect(after[0]?.text?.body).toContain('Kaos Basic Crewneck')
    } finally {
      await stop(standin)
      await stop(server)
    }
  }, 240_000)
})
