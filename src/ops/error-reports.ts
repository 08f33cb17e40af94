/**
 * Error reports to Sentry (or anything that speaks its envelope protocol) when SENTRY_DSN is set: unhandled errors,
 * 5xx answers, tool and gateway failures that are not expected domain outcomes, and outbox items that end FAILED,
 * tagged with release, environment, channel, tool and gateway. Without SENTRY_DSN the SDK is never loaded.
 *
 * Everything sent passes the logs' masking (phone numbers, e-mail addresses, street addresses, tokens,
 * Authorization values, query strings), and the SDK is told to collect no user data, cookies, headers, bodies or
 * query parameters in the first place. No performance tracing: metrics cover that.
 */
import type { FastifyInstance } from 'fastify'
import { type Logger, maskLogLine } from '../logger.ts'
import type { MetricsObserver } from './metrics.ts'

export type ErrorKind = 'unhandled' | 'http_5xx' | 'tool' | 'gateway' | 'outbox_failed'

export interface ErrorContext {
  kind: ErrorKind
  channel?: string
  tool?: string
  gateway?: string
  route?: string
  /** A few more fields (never personal data on purpose; they are masked anyway). */
  extra?: Record<string, unknown>
}

export interface ErrorReporter {
  capture(error: unknown, context: ErrorContext): void
  /** Waits up to `timeoutMs` for reports in flight (before exiting). */
  flush(timeoutMs?: number): Promise<void>
}

/** An object passed through the log masking (JSON in, masked JSON out). */
export function maskDeep<T>(value: T): T {
  try {
    return JSON.parse(maskLogLine(JSON.stringify(value))) as T
  } catch {
    return value
  }
}

export interface ErrorReporterOptions {
  dsn: string
  release: string
  environment: string
  log: Logger
}

/** Loads and starts the SDK; call only when SENTRY_DSN is set. */
export async function createErrorReporter(options: ErrorReporterOptions): Promise<ErrorReporter> {
  const Sentry = await import('@sentry/node')
  Sentry.init({
    dsn: options.dsn,
    release: options.release,
    environment: options.environment,
    // Only what we report ourselves: no tracing, no automatic instrumentation that could carry request data.
    defaultIntegrations: false,
    integrations: [Sentry.linkedErrorsIntegration(), Sentry.contextLinesIntegration()],
    tracesSampleRate: 0,
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
      graphQL: { document: false, variables: false },
    },
    beforeSend: (event) => maskDeep(event),
    beforeBreadcrumb: () => null,
  })
  options.log.info('error reports are on (SENTRY_DSN)')
  return {
    capture(error, context) {
      try {
        Sentry.withScope((scope) => {
          scope.setTag('kind', context.kind)
          if (context.channel) scope.setTag('channel', context.channel)
          if (context.tool) scope.setTag('tool', context.tool)
          if (context.gateway) scope.setTag('gateway', context.gateway)
          if (context.route) scope.setTag('route', context.route)
          if (context.extra) scope.setContext('details', maskDeep(context.extra))
          Sentry.captureException(error instanceof Error ? error : new Error(String(error)))
        })
      } catch (failure) {
        options.log.warn({ err: failure }, 'an error report could not be queued')
      }
    },
    async flush(timeoutMs = 2000) {
      await Sentry.flush(timeoutMs).catch(() => false)
    },
  }
}

/** Tool outcomes that are failures of ours rather than answers (a domain error is an answer). */
const unexpectedToolOutcomes = new Set(['internal_error', 'service_unavailable'])
const gatewayFailures = new Set(['server_error', 'timeout', 'unreachable'])

/**
 * The metrics observer, also reporting what is worth an error report: tool calls that failed unexpectedly and
 * gateway requests that found the outside API down.
 */
export function reportingObserver<O extends MetricsObserver>(observer: O, reporter: ErrorReporter): O {
  return {
    ...observer,
    toolCall(tool, outcome, seconds) {
      observer.toolCall(tool, outcome, seconds)
      if (unexpectedToolOutcomes.has(outcome))
        reporter.capture(new Error(`tool ${tool} failed: ${outcome}`), { kind: 'tool', tool })
    },
    gatewayRequest(gateway, outcome, seconds) {
      observer.gatewayRequest(gateway, outcome, seconds)
      if (gatewayFailures.has(outcome)) {
        reporter.capture(new Error(`${gateway} request failed: ${outcome}`), { kind: 'gateway', gateway })
      }
    },
  }
}

/** Reports 5xx answers (after the error handler turned the error into one). */
export function reportServerErrors(app: FastifyInstance, reporter: ErrorReporter): void {
  app.addHook('onError', async (request, _reply, error) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status >= 500) {
      reporter.capture(error, { kind: 'http_5xx', route: request.routeOptions.url ?? 'unmatched', extra: { status } })
    }
  })
}
