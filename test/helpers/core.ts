/**
 * Helpers for tests of the conversation core: inbound messages, a scripted agent that records what the core
 * gave it, and a logger whose lines a test can read.
 */
import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import type { Agent, AgentContext, AgentResponse } from '../../src/agent/types.ts'
import type { InboundMessage } from '../../src/core/types.ts'
import { createLogger, type Logger } from '../../src/logger.ts'

/** A web message from `user` (its own chat), with a fresh message id unless given. */
export function inbound(user: string, text: string, extra: Partial<InboundMessage> = {}): InboundMessage {
  return {
    channel: 'web',
    externalUserId: user,
    externalChatId: user,
    externalMessageId: randomUUID(),
    text,
    receivedAt: new Date(),
    ...extra,
  }
}

/** A unique sender id for one test. */
export function newUser(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`
}

export interface ScriptedAgent extends Agent {
  /** Every context the core passed in, in order. */
  readonly calls: AgentContext[]
}

/** An agent answering with `script(ctx)`; by default it echoes the text. */
export function scriptedAgent(
  script: (ctx: AgentContext) => AgentResponse | Promise<AgentResponse> = (ctx) => ({
    replies: [{ text: `echo: ${ctx.text}` }],
  }),
): ScriptedAgent {
  const calls: AgentContext[] = []
  return {
    name: 'rules',
    calls,
    async respond(ctx) {
      calls.push(ctx)
      return script(ctx)
    },
  }
}

/** Wraps a real agent and records the contexts it was given. */
export function recordingAgent(inner: Agent): ScriptedAgent {
  const calls: AgentContext[] = []
  return {
    name: inner.name,
    calls,
    respond(ctx) {
      calls.push(ctx)
      return inner.respond(ctx)
    },
  }
}

/** A logger at debug level whose JSON lines land in `lines`. */
export function capturingLogger(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = []
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line))
      done()
    },
  })
  return { log: createLogger({ level: 'debug', destination }), lines }
}
