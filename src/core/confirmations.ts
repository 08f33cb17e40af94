/**
 * The customer's press on a staged write's buttons (DESIGN §5). "Ya" claims the one-time token (same customer,
 * unused, not expired) and runs the staging tool's confirmed write once; "Tidak" marks it rejected and changes
 * nothing. Which write runs, and what the customer is told, is the tool's (`effect.confirmed`): this module
 * knows no tool by name. Never throws; every outcome is a Reply.
 *
 * @example
 * const presses = createConfirmations({ store, tools, services, log })
 * await presses.confirm(token, identity, 'id') // "Pesanan ORD-2025-002 telah dibatalkan."
 */
import type { ConfirmedWrite } from '../../tools/types.ts'
import type { Locale } from '../i18n/format.ts'
import { t } from '../i18n/messages.ts'
import type { Logger } from '../logger.ts'
import { isDomainError } from '../services/errors.ts'
import type { Services } from '../services/index.ts'
import { type PendingActionStore, pendingActionTtlMinutes, type Refusal } from '../services/pending-actions.ts'
import type { AnyTool } from './tool-invoker.ts'
import type { Identity, Reply } from './types.ts'

export interface ConfirmationDeps {
  store: PendingActionStore
  tools: readonly AnyTool[]
  services: Services
  log: Logger
}

const refusals: Record<Refusal, 'pending.notFound' | 'pending.foreign' | 'pending.used' | 'pending.expired'> = {
  not_found: 'pending.notFound',
  foreign: 'pending.foreign',
  used: 'pending.used',
  expired: 'pending.expired',
}

/** The core's `ButtonPresses`; the locale defaults to Indonesian. */
export interface Confirmations {
  confirm(token: string, identity: Identity, locale?: Locale): Promise<Reply>
  reject(token: string, identity: Identity, locale?: Locale): Promise<Reply>
}

export function createConfirmations(deps: ConfirmationDeps): Confirmations {
  const writes = new Map<string, ConfirmedWrite>()
  for (const tool of deps.tools) if (tool.effect.kind === 'write') writes.set(tool.name, tool.effect.confirmed)

  function writeOf(action: string): ConfirmedWrite {
    const write = writes.get(action)
    if (!write) throw new Error(`no tool confirms the pending action ${action}`)
    return write
  }

  async function refusal(token: string, identity: Identity, locale: Locale): Promise<Reply> {
    const why = await deps.store.refusal(token, identity.customerId)
    return { text: t(locale, refusals[why], { minutes: pendingActionTtlMinutes }) }
  }

  async function finish(id: string, outcome: Parameters<PendingActionStore['finish']>[1]): Promise<void> {
    try {
      await deps.store.finish(id, outcome)
    } catch (error) {
      deps.log.error({ err: error, pendingActionId: id }, 'pending action outcome not stored')
    }
  }

  return {
    async confirm(token, identity, locale = 'id') {
      try {
        const row = identity.customerId ? await deps.store.claimForConfirm(token, identity.customerId) : null
        if (!row) return await refusal(token, identity, locale)
        try {
          const write = writeOf(row.action)
          const reply = await write.execute(
            { services: deps.services, customerId: row.customerId, actor: `customer:${row.customerId}`, locale },
            write.args.parse(row.args),
          )
          await finish(row.id, 'confirmed')
          return reply
        } catch (error) {
          const code = isDomainError(error) ? error.code : 'internal_error'
          await finish(row.id, `failed:${code}`)
          const explained = writes.get(row.action)?.failed(error, locale)
          if (explained) return explained
          if (!isDomainError(error)) deps.log.error({ err: error, action: row.action }, 'pending action failed')
          return { text: t(locale, 'pending.failed') }
        }
      } catch (error) {
        deps.log.error({ err: error }, 'pending action could not be confirmed')
        return { text: t(locale, 'pending.failed') }
      }
    },

    async reject(token, identity, locale = 'id') {
      try {
        const row = identity.customerId ? await deps.store.claimForReject(token, identity.customerId) : null
        if (!row) return await refusal(token, identity, locale)
        const write = writeOf(row.action)
        return write.rejected(write.args.parse(row.args), locale)
      } catch (error) {
        deps.log.error({ err: error }, 'pending action could not be rejected')
        return { text: t(locale, 'pending.failed') }
      }
    },
  }
}
