/**
 * The conversation pipeline: messages/s and p50/p99 per message through `core.handle` (dedupe, identity, rate
 * limit, lock, history, agent, tool, persistence), with the RuleAgent and with Claude answered instantly by a
 * scripted fake of the Messages API (one tool round), beside the tool's own service call and the floor of a
 * message (message-floor.ts) in the same run. The four alternate in rounds, and each line summarises its samples
 * from every round, so a change in the machine's speed during the run reaches all of them alike.
 */
import { setupServer } from 'msw/node'
import { createApp } from '../src/app.ts'
import type { InboundMessage } from '../src/core/types.ts'
import { silentLogger } from '../src/logger.ts'
import { createAnthropicFake, drainMockedResponses, textResponse, toolUseResponse } from '../test/msw/anthropic.ts'
import { benchDbKinds, countStatements, openBenchDatabase } from './bench-db.ts'
import { createMessageFloor } from './message-floor.ts'
import type { BenchOptions } from './services.ts'
import { ratio, sample, summarize } from './stats.ts'

const question = 'Lacak pesanan ORD-2025-001'

export async function runCoreBench({ quick, emit }: BenchOptions): Promise<void> {
  const rounds = quick ? 1 : 5
  const perRound = quick ? 15 : 60
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
        const rules = createApp({ db, log, config, now, agent: 'rules' })
        const claude = createApp({ db, log, config, now, agent: 'claude' })
        const serviceCall = () => rules.services.shipping.getShippingTracking('cust-adi', 'ORD-2025-001')

        /** One verified sender per agent, all its messages in one conversation. */
        const senderFor = async (agent: string, built: typeof rules, script: () => void) => {
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
          return async () => {
            script()
            const replies = await built.core.handle(message())
            if (!replies[0]?.text.includes('JNE')) throw new Error(`unexpected reply: ${JSON.stringify(replies)}`)
          }
        }
        const sendRules = await senderFor('rules', rules, () => {})
        const sendClaude = await senderFor('claude_fake', claude, () =>
          fake.script(
            toolUseResponse([{ name: 'track_order', input: { orderNumber: 'ORD-2025-001' } }]),
            textResponse('Pesanan ORD-2025-001 sedang dalam perjalanan bersama JNE.'),
          ),
        )

        // The floor's conversation, started by a message through the core.
        await rules.core.handle({
          channel: 'cli',
          externalUserId: 'bench-floor',
          externalChatId: 'bench-floor',
          externalMessageId: 'floor-1',
          text: 'halo',
          receivedAt: new Date(),
        })
        const [floorConversation] = await db.sql.query<{ id: string }>(
          `SELECT id FROM "Conversation" WHERE channel = 'cli' AND "externalChatId" = 'bench-floor'`,
        )
        if (!floorConversation) throw new Error('the floor conversation was not started')
        const storedInFloor = async () =>
          (
            await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Message" WHERE "conversationId" = $1`, [
              floorConversation.id,
            ])
          )[0]?.n ?? 0
        const floorMessage = createMessageFloor(db, serviceCall)
        const sendFloor = () => floorMessage(floorConversation.id, question)
        const lines = [
          { bench: 'service.getShippingTracking', send: serviceCall, samples: [] as number[], statements: 0 },
          { bench: 'core.floor', send: sendFloor, samples: [] as number[], statements: 0 },
          { bench: 'core.message.rules', send: sendRules, samples: [] as number[], statements: 0 },
          { bench: 'core.message.claude_fake', send: sendClaude, samples: [] as number[], statements: 0 },
        ]
        // Conversations already under way, and planner statistics as autovacuum keeps them in a database in
        // use (a freshly seeded one has none, and its plans would fit an empty table).
        for (const line of lines) for (let i = 0; i < 30; i++) await line.send()
        await db.sql.query('ANALYZE')
        for (const line of lines) {
          await line.send()
          line.statements = await countStatements(counter, line.send)
        }
        const floorBefore = await storedInFloor()
        for (let r = 0; r < rounds; r++) for (const line of lines) await sample(perRound, line.send, line.samples)
        const floorStored = (await storedInFloor()) - floorBefore
        if (floorStored !== 2 * rounds * perRound) throw new Error(`the floor stored ${floorStored} messages`)

        const [service, floorTiming] = lines.map((line) => summarize(line.samples))
        if (!service || !floorTiming) throw new Error('no samples')
        for (const line of lines) {
          const timing = summarize(line.samples)
          if (line.bench.startsWith('service.')) {
            emit({ bench: line.bench, db: kind, ...timing, sql_statements: line.statements })
            continue
          }
          emit({
            bench: line.bench,
            db: kind,
            n: timing.n,
            rounds,
            messages_per_s: timing.ops_per_s,
            p50_ms: timing.p50_ms,
            p99_ms: timing.p99_ms,
            sql_statements: line.statements,
            baseline: 'service.getShippingTracking',
            ratio: ratio(timing, service),
            ...(line.bench === 'core.floor' ? {} : { over_floor: ratio(timing, floorTiming) }),
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
