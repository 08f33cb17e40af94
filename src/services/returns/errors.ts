/**
 * Why a return cannot be asked for or cannot move on. The owner of the order gets the reason (and, for a size
 * that cannot be had, the sizes that can); anyone else only ever gets OrderNotFound.
 */
import { DomainError } from '../errors.ts'

export type ReturnRefusal =
  | 'not_delivered'
  | 'outside_window'
  | 'item_not_in_order'
  | 'quantity_too_high'
  | 'already_requested'
  | 'exchange_not_offered'
  | 'exchange_other_product'
  | 'size_unavailable'
  | 'same_size'
  | 'refund_account_needed'
  | 'item_not_named'

/** The customer's own order, but this return is against the policy. */
export class ReturnNotAllowed extends DomainError {
  readonly code = 'return_not_allowed'
  constructor(
    readonly orderNumber: string,
    readonly reason: ReturnRefusal,
    extra: Record<string, unknown> = {},
  ) {
    super(`return of ${orderNumber} refused: ${reason}`, { orderNumber, reason, ...extra })
  }
}

export class ReturnNotFound extends DomainError {
  readonly code = 'return_not_found'
  constructor(readonly number: string) {
    super(`return ${number} not found`, { number })
  }
}

/** A staff step that does not fit the request's state (approving a rejected one, receiving twice). */
export class ReturnWrongState extends DomainError {
  readonly code = 'return_wrong_state'
  constructor(
    readonly number: string,
    readonly status: string,
    readonly step: string,
  ) {
    super(`return ${number} is ${status}; cannot ${step}`, { number, status, step })
  }
}
