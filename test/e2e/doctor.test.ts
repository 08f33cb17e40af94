/**
 * `npm run doctor` as a shop owner runs it: a process with the environment, against a local stand-in of the
 * Anthropic Models API (a real HTTP server); one line per check, exit code 1 when a check fails.
 */
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { modelInfo } from '../msw/anthropic.ts'

const root = path.resolve(import.meta.dirname, '../..')
let api: Server
let baseUrl = ''

beforeAll(async () => {
  api = createServer((request, response) => {
    const match = /^\/v1\/models\/([^/?]+)/.exec(request.url ?? '')
    // The SDK sends the key as a bearer token; the API also takes it as x-api-key.
    const good =
      request.headers.authorization === 'Bearer sk-ant-good' || request.headers['x-api-key'] === 'sk-ant-good'
    response.setHeader('content-type', 'application/json')
    if (!match) response.writeHead(404).end('{}')
    else if (!good) {
      response
        .writeHead(401)
        .end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }))
    } else response.writeHead(200).end(JSON.stringify(modelInfo(decodeURIComponent(match[1]!))))
  })
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())))

function doctor(env: Record<string, string>, args: string[] = []) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: '/tmp/layan-doctor-e2e', ...env }
  for (const key of ['DATABASE_URL', 'TELEGRAM_BOT_TOKEN', 'DISCORD_TOKEN', 'MIDTRANS_SERVER_KEY']) delete childEnv[key]
  return new Promise<{ out: string; code: number | null }>((resolve, reject) => {
    // The program itself, as `npm run doctor` runs it (npm adds its own error object to a failing script's output).
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/doctor/doctor-cli.ts', ...args], {
      cwd: root,
      env: childEnv,
    })
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ out, code }))
  })
}

describe('npm run doctor', () => {
  it('passes with a key and model the API accepts', async () => {
    const { out, code } = await doctor({ ANTHROPIC_API_KEY: 'sk-ant-good', ANTHROPIC_BASE_URL: baseUrl })
    expect(code, out).toBe(0)
    expect(out).toMatch(/^✓ configuration/m)
    expect(out).toMatch(/^✓ claude +key accepted; .*claude-sonnet-5-5/m)
  })

  it('fails with exit code 1 and says the key is refused', async () => {
    const { out, code } = await doctor({ ANTHROPIC_API_KEY: 'sk-ant-wrong', ANTHROPIC_BASE_URL: baseUrl }, ['--json'])
    expect(code).toBe(1)
    const { checks } = JSON.parse(out) as { checks: { name: string; status: string; detail: string }[] }
    expect(checks.find((check) => check.name === 'claude')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('API key is refused'),
    })
  })

  it('fails on an invalid setting before anything else', async () => {
    const { out, code } = await doctor({ PORT: 'eighty', ANTHROPIC_CACHE_TTL: '1d' })
    expect(code).toBe(1)
    expect(out).toMatch(/^✗ configuration .*PORT.*ANTHROPIC_CACHE_TTL/m)
  })
}, 60_000)
