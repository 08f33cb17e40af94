/**
 * Gateway errors split by cause, as grammY splits its own: the remote side answered and refused (with its
 * HTTP status and message), or we never got a usable answer (unreachable, timeout, malformed JSON).
 */
export type GatewayName = 'midtrans' | 'courier' | 'rates'
export type GatewayFailure = 'refused' | 'unreachable' | 'timeout' | 'invalid_response'

export class GatewayError extends Error {
  readonly code = 'gateway_error'
  constructor(
    readonly gateway: GatewayName,
    readonly failure: GatewayFailure,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(`${gateway} ${failure}: ${message}`)
    this.name = 'GatewayError'
  }
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError
}
