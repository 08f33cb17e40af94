/**
 * Binds the tool registry to one sender in one conversation: every call runs through the tool runner with the
 * sender's identity and verified customer (the agent never names a customer), is recorded for a ToolCall row
 * (latency, ok, error code; the core stores them with the answer), and a successful call of a tool whose effect is
 * `handoff` opens a Handoff. The order number of a call about
 * an order becomes the conversation's `lastOrderNumber`, so a follow-up ("and the payment?") has a subject.
 */

import { orderTalkedAbout, runTool } from '../../tools/run-tool.ts'
import type { PendingActions, ToolPlugin, ToolResult, WriteRequest } from '../../tools/types.ts'
import type { ToolInvocation } from '../agent/types.ts'
import type { Customer } from '../generated/prisma/client.ts'
import type { Locale } from '../i18n/format.ts'
import { t } from '../i18n/messages.ts'
import type { Logger } from '../logger.ts'
import type { ToolCallRow } from '../services/conversation-store.ts'
import type { Handoffs } from '../services/handoffs.ts'
import type { Services } from '../services/index.ts'
import type { Identity } from './types.ts'

// biome-ignore lint/suspicious/noExplicitAny: a registry holds tools of many input and data types
export type AnyTool = ToolPlugin<any, any>

export interface ToolInvokerDeps {
  tools: readonly AnyTool[]
  services: Services
  pendingActions: PendingActions
  handoffs: Pick<Handoffs, 'open'>
  now: () => Date
  /** Whether any staff channel is configured to answer hand-offs (default: yes). */
  staffAvailable?: () => boolean
  /** How to reach the shop outside the chat, per language. */
  shopContact?: (locale: Locale) => string | undefined
  /** Counts each call by tool and outcome (the metrics' `layan_tool_calls_total`, `layan_tool_seconds`). */
  observer?: ToolCallObserver
}

/** Told of every tool call; `outcome` is `ok` or the error code, `seconds` its duration. */
export interface ToolCallObserver {
  toolCall(tool: string, outcome: string, seconds: number): void
}

/** One message's worth of tool calling. */
export interface ToolSession {
  identity: Identity
  customer: Customer | null
  conversationId: string
  locale: Locale
  log: Logger
  /** Updated by calls about an order. */
  lastOrderNumber: string | null
  /**
   * The writes the customer asked for (write-requests.ts). A write tool whose request is not in it is refused
   * with `not_requested` and stages nothing. Undefined: no such check (tests of a single tool).
   */
  allowedWrites?: ReadonlySet<WriteRequest>
}

export interface BoundTools {
  callTool(name: string, input: unknown): Promise<ToolInvocation>
  /** Calls the tool whose effect is the hand-off (the customer pressed "talk to a person"). */
  requestHuman(reason: string): Promise<ToolInvocation>
  /** Every finished call, in the order the calls were made (parallel calls too). */
  readonly calls: readonly ToolInvocation[]
  /** The ToolCall rows to store, in the order the calls finished. */
  readonly records: readonly ToolCallRow[]
  /** Whether a call opened (or found) a hand-off. */
  readonly handoffOpened: boolean
}

export interface ToolInvoker {
  bind(session: ToolSession): BoundTools
}

/** What the model reads: the result without the one-time confirmation token. */
function modelView(result: ToolResult): unknown {
  if (!result.ok) return { ok: false, error: result.error }
  return result.confirmation
    ? { ok: true, data: result.data, awaitingCustomerConfirmation: true }
    : { ok: true, data: result.data }
}

export function createToolInvoker(deps: ToolInvokerDeps): ToolInvoker {
  const byName = new Map(deps.tools.map((tool) => [tool.name, tool]))
  const handoffTool = deps.tools.find((tool) => tool.effect.kind === 'handoff')

  return {
    bind(session) {
      // A slot is taken when a call starts, so parallel calls are listed in call order, not finishing order.
      const slots: (ToolInvocation | undefined)[] = []
      let handoffOpened = false

      const records: ToolCallRow[] = []
      function record(name: string, input: unknown, ok: boolean, errorCode: string | undefined, ms: number) {
        const stored = byName.get(name)?.storedInput?.(input) ?? input
        records.push({ name, input: stored, ok, errorCode: errorCode ?? null, latencyMs: ms, at: deps.now() })
        // A name the model made up is not a label value (the series would grow with every invention).
        deps.observer?.toolCall(byName.has(name) ? name : 'unknown', ok ? 'ok' : (errorCode ?? 'error'), ms / 1000)
      }

      // Write tools run one at a time, so two calls for one order in a turn find and reuse one pending action.
      let writes: Promise<unknown> = Promise.resolve()

      async function callTool(name: string, input: unknown): Promise<ToolInvocation> {
        if (byName.get(name)?.effect.kind !== 'write') return callOne(name, input)
        const turn = writes.then(() => callOne(name, input))
        writes = turn.catch(() => undefined)
        return turn
      }

      async function callOne(name: string, input: unknown): Promise<ToolInvocation> {
        const slot = slots.push(undefined) - 1
        const started = performance.now()
        const tool = byName.get(name)
        if (!tool) {
          const invocation: ToolInvocation = {
            name,
            input,
            ok: false,
            result: { ok: false, error: { code: 'unknown_tool', message: `There is no tool named ${name}.` } },
            reply: { text: t(session.locale, 'core.agentFailed') },
            errorCode: 'unknown_tool',
          }
          slots[slot] = invocation
          record(name, input, false, 'unknown_tool', performance.now() - started)
          return invocation
        }
        if (tool.effect.kind === 'write' && session.allowedWrites && !session.allowedWrites.has(tool.effect.request)) {
          session.log.warn({ tool: name }, 'write refused: the customer did not ask for it')
          const invocation: ToolInvocation = {
            name,
            input,
            ok: false,
            result: {
              ok: false,
              error: {
                code: 'not_requested',
                message:
                  'Nothing was prepared: the customer has not asked for this in their own words. Answer what they asked; if this change might help, ask them whether they want it.',
              },
            },
            reply: { text: t(session.locale, 'core.agentFailed') },
            errorCode: 'not_requested',
          }
          slots[slot] = invocation
          record(name, input, false, 'not_requested', performance.now() - started)
          return invocation
        }
        const result = await runTool(
          tool,
          {
            customer: session.customer ?? undefined,
            identity: session.identity,
            services: deps.services,
            pendingActions: deps.pendingActions,
            conversationId: session.conversationId,
            log: session.log.child({ tool: name }),
            now: deps.now,
            locale: session.locale,
            staffAvailable: deps.staffAvailable?.() ?? true,
            ...(deps.shopContact?.(session.locale) ? { shopContact: deps.shopContact(session.locale) } : {}),
          },
          input,
        )
        const ms = performance.now() - started
        let reply: ToolInvocation['reply']
        try {
          reply = tool.render(result, session.locale)
        } catch (error) {
          session.log.error({ err: error, tool: name }, 'tool render failed')
          reply = { text: t(session.locale, 'core.agentFailed') }
        }
        const errorCode = result.ok ? undefined : result.error.code
        const invocation: ToolInvocation = { name, input, ok: result.ok, result: modelView(result), reply }
        if (errorCode) invocation.errorCode = errorCode
        if (result.ok && result.confirmation) invocation.staged = true
        slots[slot] = invocation
        record(name, input, result.ok, errorCode, ms)

        const orderNumber = orderTalkedAbout(input, result)
        if (orderNumber) session.lastOrderNumber = orderNumber
        const staffAvailable = result.ok && (result.data as { staffAvailable?: boolean }).staffAvailable
        if (tool.effect.kind === 'handoff' && result.ok && !staffAvailable) {
          session.log.info('hand-off not opened: no staff channel is configured')
        }
        if (tool.effect.kind === 'handoff' && staffAvailable) {
          const reason = (input as { reason?: unknown } | null)?.reason
          try {
            await deps.handoffs.open({
              conversationId: session.conversationId,
              customerId: session.customer?.id ?? null,
              reason: typeof reason === 'string' && reason.trim() ? reason.trim() : 'customer_asked',
              actor: `identity:${session.identity.id}`,
            })
            handoffOpened = true
          } catch (error) {
            session.log.error({ err: error }, 'hand-off could not be opened')
          }
        }
        return invocation
      }

      return {
        callTool,
        requestHuman(reason) {
          if (!handoffTool) throw new Error('no tool opens a hand-off')
          return callTool(handoffTool.name, { reason })
        },
        get calls() {
          return slots.filter((call): call is ToolInvocation => call !== undefined)
        },
        get records() {
          return records
        },
        get handoffOpened() {
          return handoffOpened
        },
      }
    },
  }
}
