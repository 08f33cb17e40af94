/**
 * Domain errors: every rule the services enforce fails with one of these, each with a stable `code` that tools
 * turn into results the model can read and HTTP turns into status codes. Messages are for logs, not customers;
 * customer-facing text lives in src/i18n.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string
  readonly details: Record<string, unknown>
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message)
    this.name = new.target.name
    this.details = details
  }
}

/** The order does not exist, or belongs to someone else (never say which). */
export class OrderNotFound extends DomainError {
  readonly code = 'order_not_found'
  constructor(orderNumber: string) {
    super(`order ${orderNumber} not found`, { orderNumber })
  }
}

export class OrderNotCancellable extends DomainError {
  readonly code = 'not_cancellable'
  constructor(
    readonly orderNumber: string,
    readonly status: string,
  ) {
    super(`order ${orderNumber} is ${status} and cannot be cancelled`, { orderNumber, status })
  }
}

export class AddressNotChangeable extends DomainError {
  readonly code = 'address_not_changeable'
  constructor(
    readonly orderNumber: string,
    readonly status: string,
  ) {
    super(`order ${orderNumber} is ${status}; its address cannot change`, { orderNumber, status })
  }
}

/** Input that fails a rule (empty, too long, negative, malformed). */
export class InvalidInput extends DomainError {
  readonly code = 'invalid_input'
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`, { field, reason })
  }
}

export class ProductNotFound extends DomainError {
  readonly code = 'product_not_found'
  constructor(readonly productId: string) {
    super(`product ${productId} not found`, { productId })
  }
}

export class InsufficientStock extends DomainError {
  readonly code = 'insufficient_stock'
  constructor(
    readonly sku: string,
    readonly available: number,
    readonly requested: number,
  ) {
    super(`${sku}: ${available} in stock, ${requested} requested`, { sku, available, requested })
  }
}

export class PaymentNotFound extends DomainError {
  readonly code = 'payment_not_found'
  constructor(orderNumber: string) {
    super(`order ${orderNumber} has no payment`, { orderNumber })
  }
}

export class ShipmentNotFound extends DomainError {
  readonly code = 'shipment_not_found'
  constructor(orderNumber: string) {
    super(`order ${orderNumber} has no shipment yet`, { orderNumber })
  }
}

export class CustomerNotFound extends DomainError {
  readonly code = 'customer_not_found'
  constructor(ref: string) {
    super(`customer ${ref} not found`)
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError
}
