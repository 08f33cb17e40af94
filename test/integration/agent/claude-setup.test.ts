/**
 * Claude's set-up check (the Models API, at start and in `npm run doctor`): a refused key, an unknown, retired or
 * forbidden model is a set-up fault — logged at error, in `/readyz` details, told to staff once, and the rule
 * agent answers in limited mode without a request to the Messages API. Through the real core and database.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createOfflinePaymentGateway } from '../../../src/gateways/payment-offline.ts'
import { buildServer } from '../../../src/http/server.ts'
import { messages } from '../../../src/i18n/messages.ts'
import { createClaudeNotices } from '../../../src/services/notifications/claude-notices.ts'
import { renderStaffNotification } from '../../../src/services/notifications/render-notification.ts'
import {
  type ClaudeCore,
  claudeCore,
  logged,
  say,
  testClaudeModel,
  useAnthropicServer,
  verifiedSender,
} from '../../helpers/claude.ts'
import { capturingLogger, newUser } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { errorResponse, modelInfo, networkFailure, textResponse } from '../../msw/anthropic.ts'

const anthropic = useAnthropicServer()

const limited = messages.id['claude.limitedMode']
const faultLog =
  'claude is not set up right (check ANTHROPIC_API_KEY and ANTHROPIC_MODEL, or run `npm run doctor`); the rule agent answers in limited mode'

describe.each(testDbKinds)('Claude set-up check (%s)', (kind) => {
  let db: Database
  let lines: Record<string, unknown>[]
  let built: ClaudeCore
  let adi: string
  let notices: ReturnType<typeof createClaudeNotices>

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    const capture = capturingLogger()
    lines = capture.lines
    notices = createClaudeNotices({ prisma: db.prisma })
    built = claudeCore(
      db,
      capture.log,
      {},
      {
        onClaudeSetupFault: async (fault) => {
          built.faults.push(fault)
          await notices.setupFault(fault)
        },
      },
    )
    adi = await verifiedSender(built, newUser('adi'))
  })
  afterEach(async () => {
    await db.close()
  })

  const staffNotices = () => db.prisma.notification.findMany({ where: { kind: 'claude_setup_fault' } })

  it('accepts a key and a model the Models API knows, and Claude answers', async () => {
    anthropic.script(textResponse('Halo kak!'))

    const status = await built.claude!.checkSetup()

    expect(status).toMatchObject({ state: 'ok', lifecycle: 'active' })
    expect(anthropic.modelRequests).toEqual([testClaudeModel])
    expect((await say(built, adi, 'halo')).replies).toEqual([{ text: 'Halo kak!' }])
  })

  it('a refused key (401): error log, staff told once, limited mode without calling the Messages API', async () => {
    anthropic.modelsAlways(errorResponse(401, { message: 'invalid x-api-key' }))

    const status = await built.claude!.checkSetup()
    await built.claude!.checkSetup()

    expect(status).toMatchObject({
      state: 'setup_fault',
      fault: { status: 401, type: 'authentication_error', model: testClaudeModel },
    })
    const errors = logged(lines, faultLog)
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((line) => line.level === 50)).toBe(true)
    await vi.waitFor(async () => expect(await staffNotices()).toHaveLength(1))
    expect(built.faults).toHaveLength(1)
    const [notice] = await staffNotices()
    expect(notice?.audience).toBe('admin')
    expect(renderStaffNotification('claude_setup_fault', notice?.payload, 'id')?.text).toMatch(
      /Claude belum bisa dipakai[\s\S]*401[\s\S]*npm run doctor/,
    )

    const trace = await say(built, adi, 'ORD-2025-001 sampai mana?')

    expect(anthropic.requests).toHaveLength(0)
    expect(trace.replies[0]?.text.startsWith(limited)).toBe(true)
    expect(trace.replies[0]?.text).toContain('JNE123456789')
  })

  it('the staff notice is queued once a day even from a second process that meets the same fault', async () => {
    const fault = { status: 404, type: 'not_found_error', message: 'model: claude-nope', model: 'claude-nope' }
    expect(await notices.setupFault(fault)).toBe(true)
    expect(await createClaudeNotices({ prisma: db.prisma }).setupFault(fault)).toBe(false)
    expect(await notices.setupFault({ ...fault, status: 401, type: 'authentication_error' })).toBe(true)
    expect(await staffNotices()).toHaveLength(2)
  })

  it.each([
    ['an unknown model (404)', errorResponse(404, { errorType: 'not_found_error', message: 'model: x' }), 404],
    ['a forbidden model (403)', errorResponse(403), 403],
    ['a malformed request (400)', errorResponse(400), 400],
  ])('%s is a set-up fault', async (_name, response, status) => {
    anthropic.modelsAlways(response)

    expect(await built.claude!.checkSetup()).toMatchObject({ state: 'setup_fault', fault: { status } })
    expect(built.claude!.status().setup.state).toBe('setup_fault')
  })

  it('a retired model is a set-up fault; a deprecated one only a warning', async () => {
    anthropic.models({ [testClaudeModel]: modelInfo(testClaudeModel, { lifecycle: 'retired' }) })
    expect(await built.claude!.checkSetup()).toMatchObject({ state: 'setup_fault', fault: { type: 'model_retired' } })

    anthropic.models({
      [testClaudeModel]: modelInfo(testClaudeModel, { lifecycle: 'deprecated', retires_at: '2027-03-01T00:00:00Z' }),
    })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 11 * 60_000)
    anthropic.script(textResponse('Halo kak!'))
    // Ten minutes on, the next message checks again first, and the fault is gone.
    const trace = await say(built, adi, 'halo')
    expect(trace.replies).toEqual([{ text: 'Halo kak!' }])
    expect(built.claude!.status().setup).toMatchObject({ state: 'ok', lifecycle: 'deprecated' })
    expect(
      logged(lines, 'the claude model is deprecated: choose a current one in ANTHROPIC_MODEL before it retires'),
    ).toHaveLength(1)
  })

  it('an unreachable API at start is no fault: Claude stays on', async () => {
    anthropic.modelsAlways(networkFailure())
    anthropic.script(textResponse('Halo kak!'))

    expect(await built.claude!.checkSetup()).toMatchObject({ state: 'unverified' })
    expect((await say(built, adi, 'halo')).replies).toEqual([{ text: 'Halo kak!' }])
  })

  it('a key refused while answering (401) becomes a set-up fault: the next message does not wait for Claude', async () => {
    anthropic.script(errorResponse(401))

    const first = await say(built, adi, 'halo')
    const second = await say(built, adi, 'halo lagi')

    expect(anthropic.requests).toHaveLength(1)
    expect(first.replies[0]?.text.startsWith(limited)).toBe(true)
    expect(second.replies[0]?.text.startsWith(limited)).toBe(true)
    await vi.waitFor(async () => expect(await staffNotices()).toHaveLength(1))
  })

  it('/readyz stays ready and names the fault in its details', async () => {
    anthropic.modelsAlways(errorResponse(401))
    await built.claude!.checkSetup()
    const app = buildServer({
      services: built.services,
      config: {},
      log: capturingLogger().log,
      paymentGateway: createOfflinePaymentGateway({ prisma: db.prisma }),
      readyDetails: () => ({ claude: built.claude!.status() }),
    })
    try {
      const response = await app.inject({ method: 'GET', url: '/readyz' })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({
        status: 'ready',
        details: {
          claude: {
            model: testClaudeModel,
            setup: { state: 'setup_fault', fault: { status: 401 } },
            breaker: { state: 'closed' },
          },
        },
      })
    } finally {
      await app.close()
    }
  })
})
