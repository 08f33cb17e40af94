/**
 * /unlock: lifts the verification lock of an order number and of its customer (after too many wrong tries), when
 * the real customer asks staff for access. The lock expires on its own too.
 */
import type { Reply } from '../../src/core/types.ts'
import { t } from '../../src/i18n/messages.ts'
import type { CrmService } from '../../src/services/crm.ts'
import { OrderNotFound } from '../../src/services/errors.ts'
import { customerOrderNumber } from '../../src/services/order-number.ts'
import type { AdminInput } from './admin-types.ts'

export interface UnlockCommandDeps {
  crm: Pick<CrmService, 'clearVerificationLimits'>
}

/** `/unlock <order>` */
export async function unlockCommand(deps: UnlockCommandDeps, input: AdminInput): Promise<Reply> {
  const { locale } = input
  const written = input.args.trim()
  if (!written) return { text: t(locale, 'telegram.admin.usage.unlock') }
  const orderNumber = customerOrderNumber(written)
  if (!orderNumber) return { text: t(locale, 'telegram.admin.orderNotFound', { orderNumber: written.slice(0, 64) }) }
  try {
    const result = await deps.crm.clearVerificationLimits(orderNumber, input.actor)
    const params = { orderNumber: result.orderNumber, customer: result.customerName }
    return {
      text: t(locale, result.cleared > 0 ? 'telegram.admin.unlockDone' : 'telegram.admin.unlockNothing', params),
    }
  } catch (error) {
    if (error instanceof OrderNotFound) return { text: t(locale, 'telegram.admin.orderNotFound', { orderNumber }) }
    throw error
  }
}
