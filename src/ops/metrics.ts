/**
 * The one metrics registry of a running server (prom-client), and the small observer the counting parts are
 * handed: the conversation core's wrapper (messages in and out, reply time), the tool invoker, the Claude agent, the
 * gateways' fetch and the HTTP hooks. Every name is prefixed `layan_`, in base units, with bounded labels only:
 * never an order number, a customer, a conversation or a raw URL.
 *
 * Each instance counts its own traffic; the gauges read from the database at scrape time (db-gauges.ts) agree
 * across instances.
 *
 * @example
 * const metrics = createMetrics()
 * metrics.observer.toolCall('track_order', 'ok', 0.012)
 * reply.type(metrics.registry.contentType).send(await metrics.registry.metrics())
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

/** What the counting parts report. Every method is cheap and never throws. */
export interface MetricsObserver {
  messageIn(channel: string): void
  messageOut(channel: string, count: number): void
  replySeconds(channel: string, agent: string, seconds: number): void
  /** `outcome` is `ok` or the tool's error code (a fixed set of domain codes). */
  toolCall(tool: string, outcome: string, seconds: number): void
  llmRequest(model: string, outcome: string): void
  llmTokens(model: string, usage: LlmUsage): void
  agentFallback(reason: string): void
  gatewayRequest(gateway: string, outcome: string, seconds: number): void
  webhook(source: string, result: WebhookResult): void
  httpRequest(method: string, route: string, status: number, seconds: number): void
  /** A scheduled or requested backup finished (or failed). */
  backup(ok: boolean): void
}

export interface LlmUsage {
  input_tokens?: number | null
  output_tokens?: number | null
  cache_read_input_tokens?: number | null
  cache_creation_input_tokens?: number | null
}

export type WebhookResult = 'applied' | 'duplicate' | 'rejected' | 'retry_later'

export interface Metrics {
  registry: Registry
  observer: MetricsObserver
}

/** Reply times of a support bot: from a rule-agent answer (milliseconds) to Claude with tool rounds (tens of s). */
const replyBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60]
const fastBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** Labels that could grow without bound are folded into one value. */
function bounded(value: string, pattern = /^[a-z0-9_.:-]{1,64}$/i): string {
  return pattern.test(value) ? value : 'other'
}

export interface MetricsOptions {
  /** prom-client's process metrics (event-loop lag, memory, CPU, handles). Default true. */
  defaultMetrics?: boolean
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry()
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry })
  const registers = [registry]

  const messages = new Counter({
    name: 'layan_messages_total',
    help: 'Chat messages received (in) and replies sent (out), by channel',
    labelNames: ['channel', 'direction'],
    registers,
  })
  const reply = new Histogram({
    name: 'layan_reply_seconds',
    help: 'Time from a message received to its reply ready to send, by channel and agent',
    labelNames: ['channel', 'agent'],
    buckets: replyBuckets,
    registers,
  })
  const toolCalls = new Counter({
    name: 'layan_tool_calls_total',
    help: 'Tool calls by tool and outcome (ok or the error code)',
    labelNames: ['tool', 'outcome'],
    registers,
  })
  const toolSeconds = new Histogram({
    name: 'layan_tool_seconds',
    help: 'Tool call duration',
    labelNames: ['tool'],
    buckets: fastBuckets,
    registers,
  })
  const llmRequests = new Counter({
    name: 'layan_llm_requests_total',
    help: 'Messages API requests by model and outcome',
    labelNames: ['model', 'outcome'],
    registers,
  })
  const llmTokens = new Counter({
    name: 'layan_llm_tokens_total',
    help: 'Tokens billed by model and kind (input, output, cache_read, cache_write)',
    labelNames: ['model', 'kind'],
    registers,
  })
  const fallbacks = new Counter({
    name: 'layan_agent_fallbacks_total',
    help: 'Messages Claude did not answer and the rule agent did, by reason',
    labelNames: ['reason'],
    registers,
  })
  const gatewayRequests = new Counter({
    name: 'layan_gateway_requests_total',
    help: 'Requests to outside APIs (payment, courier) by gateway and outcome',
    labelNames: ['gateway', 'outcome'],
    registers,
  })
  const gatewaySeconds = new Histogram({
    name: 'layan_gateway_seconds',
    help: 'Outside API request duration',
    labelNames: ['gateway'],
    buckets: fastBuckets,
    registers,
  })
  const webhooks = new Counter({
    name: 'layan_webhooks_total',
    help: 'Webhook deliveries by source and result (applied, duplicate, rejected, retry_later)',
    labelNames: ['source', 'result'],
    registers,
  })
  const http = new Histogram({
    name: 'layan_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: fastBuckets,
    registers,
  })

  const backupFailures = new Counter({
    name: 'layan_backup_failures_total',
    help: 'Backups that failed',
    registers,
  })
  const backupSuccess = new Gauge({
    name: 'layan_backup_last_success_timestamp_seconds',
    help: 'When the last backup taken by this instance finished (Unix time)',
    registers,
  })

  const observer: MetricsObserver = {
    messageIn: (channel) => messages.inc({ channel: bounded(channel), direction: 'in' }),
    messageOut: (channel, count) => {
      if (count > 0) messages.inc({ channel: bounded(channel), direction: 'out' }, count)
    },
    replySeconds: (channel, agent, seconds) => reply.observe({ channel: bounded(channel), agent }, seconds),
    toolCall: (tool, outcome, seconds) => {
      toolCalls.inc({ tool: bounded(tool), outcome: bounded(outcome) })
      toolSeconds.observe({ tool: bounded(tool) }, seconds)
    },
    llmRequest: (model, outcome) => llmRequests.inc({ model: bounded(model), outcome: bounded(outcome) }),
    llmTokens: (model, usage) => {
      const add = (kind: string, n: number | null | undefined) => {
        if (n && n > 0) llmTokens.inc({ model: bounded(model), kind }, n)
      }
      add('input', usage.input_tokens)
      add('output', usage.output_tokens)
      add('cache_read', usage.cache_read_input_tokens)
      add('cache_write', usage.cache_creation_input_tokens)
    },
    agentFallback: (reason) => fallbacks.inc({ reason: bounded(reason) }),
    gatewayRequest: (gateway, outcome, seconds) => {
      gatewayRequests.inc({ gateway: bounded(gateway), outcome: bounded(outcome) })
      gatewaySeconds.observe({ gateway: bounded(gateway) }, seconds)
    },
    webhook: (source, result) => webhooks.inc({ source: bounded(source), result }),
    httpRequest: (method, route, status, seconds) =>
      http.observe({ method, route, status_code: String(status) }, seconds),
    backup: (ok) => (ok ? backupSuccess.set(Date.now() / 1000) : backupFailures.inc()),
  }
  return { registry, observer }
}
