/**
 * How the server-to-server routes answer from a tool they call directly (src/core/direct-tools.ts): the tool's
 * data, or its failure as the HTTP error the same DomainError gets everywhere else (404, 409, 400 with the field).
 */
import type { FastifyBaseLogger } from 'fastify'
import type { ToolResult } from '../../tools/types.ts'
import type { DirectCall } from '../core/direct-tools.ts'
import type { Logger } from '../logger.ts'
import { domainErrorStatus, HttpError } from './errors.ts'

export function dataOf<D>(result: ToolResult<D>): D {
  if (result.ok) return result.data
  const { code, message } = result.error
  const status =
    domainErrorStatus[code] ?? (code === 'service_unavailable' ? 502 : code === 'internal_error' ? 500 : 400)
  const field = typeof result.error.details?.field === 'string' ? result.error.details.field : undefined
  throw new HttpError(status, code, status === 500 ? 'Internal server error' : message, field)
}

/** The seed's API speaks Indonesian; a direct call logs under its request. */
export function caller(request: { log: FastifyBaseLogger }): DirectCall {
  return { locale: 'id', log: request.log as Logger }
}
