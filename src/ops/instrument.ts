/**
 * Counting wrappers for the composition root, so the parts they wrap need not know about metrics: the conversation
 * core (messages in and out, reply time) and the fetch a gateway sends its requests with.
 */
import type { InboundMessage } from '../core/types.ts'
import type { MetricsObserver } from './metrics.ts'

/**
 * Wraps a core's `handleWithTrace`: one `in` per message received, one `out` per reply, and the time from receipt to
 * the replies being ready, labelled with the agent that answers (`limited` when Claude's answer fell back).
 */
export function countMessages<R extends { replies: readonly { limitedMode?: boolean }[] }>(
  handle: (msg: InboundMessage) => Promise<R>,
  observer: MetricsObserver,
  agent: string,
): (msg: InboundMessage) => Promise<R> {
  return async (msg) => {
    const started = performance.now()
    observer.messageIn(msg.channel)
    const trace = await handle(msg)
    observer.messageOut(msg.channel, trace.replies.length)
    if (trace.replies.length > 0) {
      const answeredBy = trace.replies.some((reply) => reply.limitedMode) ? 'rules' : agent
      observer.replySeconds(msg.channel, answeredBy, (performance.now() - started) / 1000)
    }
    return trace
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
}

/**
 * A fetch that reports each request of `gateway`: `ok`, `refused` (a 4xx answer), `server_error` (5xx), `timeout`
 * or `unreachable` (DNS, connection, TLS), with its duration up to the response headers.
 */
export function countingFetch(gateway: string, observer: MetricsObserver, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const started = performance.now()
    const seconds = () => (performance.now() - started) / 1000
    try {
      const response = await inner(input, init)
      const outcome = response.ok ? 'ok' : response.status >= 500 ? 'server_error' : 'refused'
      observer.gatewayRequest(gateway, outcome, seconds())
      return response
    } catch (error) {
      observer.gatewayRequest(gateway, isAbort(error) ? 'timeout' : 'unreachable', seconds())
      throw error
    }
  }
}
