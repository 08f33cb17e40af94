/**
 * The conversation pipeline: messages/s and p50/p99 per message through `core.handle` (dedupe, identity, rate
 * limit, lock, history, agent, tool, persistence), with the RuleAgent and with Claude answered instantly by a
 * scripted fake of the Messages API (one tool round), beside the tool's own service call in the same run.
 */
import { setupServer } from 'msw/node'
import { buildCore } from '../src/core/build-core.ts'
import type { InboundMessage } from '../src/core/types.ts'
import { silentLogger } from '../src/logger.ts'
import { createAnthropicFake, drainMockedResponses, textResponse, toolUseResponse } from '../test/msw/anthropic.ts'
import { benchDbKinds, countStatements, openBenchDatabase } from './bench-db.ts'
import type { BenchOptions } from './services.ts'
import { measure, ratio } from './stats.ts'

const question = 'Lacak pesanan ORD-2025-001'

export async function runCoreBench({ quick, emit }: BenchOptions): Promise<void> {
  const n = quick ? 15 : 300
  const fake = createAnthropicFake()
  const server = setupServer(fake.handler)
  drainMockedResponses(server)
  server.listen({ onUnhandledRequest: 'bypass' })
  try {
    for (const kind of benchDbKinds()) {
      const { db, counter } = await openBenchDatabase(kind, 'layan_bench_core')
      try {
        const log = silentLogger()
        // The default rate limit (20 a minute) and a clock that moves 4 s per message: a customer writing every
        // few seconds in one conversation, so the rate-limit window and the history are as large as in use.
        const config = { ANTHROPIC_API_KEY: 'sk-bench', ANTHROPIC_MODEL: 'claude-bench' }
        let clock = Date.now()
        const now = () => new Date(clock)
        const rules = buildCore({ db, log, config, now, agent: 'rules' })
        const claude = buildCore({ db, log, config, now, agent: 'claude' })

        const service = await measure(n, () => rules.services.shipping.getShippingTracking('cust-adi', 'ORD-2025-001'))
        const serviceStatements = await countStatements(counter, () =>
          rules.services.shipping.getShippingTracking('cust-adi', 'ORD-2025-001'),
        )
        emit({ bench: 'service.getShippingTracking', db: kind, ...service, sql_statements: serviceStatements })

        for (const [agent, built, script] of [
          ['rules', rules, () => {}],
          [
            'claude_fake',
            claude,
            () =>
              fake.script(
                toolUseResponse([{ name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }]),
                textResponse('Pesanan ORD-2025-001 sedang dalam perjalanan bersama JNE.'),
              ),
          ],
        ] as const) {
          // One verified sender per agent, all messages in one conversation.
          const user = `bench-${agent}`
          await built.services.crm.linkByPhone(
            (await built.services.crm.resolveIdentity('cli', user)).id,
            '+6281234567890',
            'bench',
          )
          let seq = 0
          const message = (): InboundMessage => {
            seq++
            clock += 4_000
            return {
              channel: 'cli',
              externalUserId: user,
              externalChatId: user,
              externalMessageId: `m${seq}`,
              text: question,
              receivedAt: new Date(),
            }
          }
          const send = async () => {
            script()
            const replies = await built.core.handle(message())
            if (!replies[0]?.text.includes('JNE')) throw new Error(`unexpected reply: ${JSON.stringify(replies)}`)
          }
          // A conversation already under way, and planner statistics as autovacuum keeps them in a database in
          // use (a freshly seeded one has none, and its plans would fit an empty table).
          for (let i = 0; i < 30; i++) await send()
          await db.sql.query('ANALYZE')
          const statements = await countStatements(counter, send)
          const timing = await measure(n, send, 5)
          emit({
            bench: `core.message.${agent}`,
            db: kind,
            n: timing.n,
            messages_per_s: timing.ops_per_s,
            p50_ms: timing.p50_ms,
            p99_ms: timing.p99_ms,
            sql_statements: statements,
            baseline: 'service.getShippingTracking',
            ratio: ratio(timing, service),
          })
        }
      } finally {
        await db.close()
      }
    }
  } finally {
    server.close()
  }
}
