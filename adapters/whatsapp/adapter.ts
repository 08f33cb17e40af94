/**
 * WhatsApp as main.ts switches it on (WHATSAPP_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID), over Meta's
 * WhatsApp Business Cloud API: the webhook route, the inbox worker that answers what it stored, and the outbox
 * sender with the 24-hour window. Messages arrive only through the webhook (registered in the Meta app, see
 * docs/whatsapp.md); `start()` checks the token and phone number id once and starts the worker, which first
 * answers whatever an earlier run stored but did not finish.
 *
 * @example
 * const whatsapp = createWhatsAppAdapter({ config, core, crm, desk, inbox, deliveries, log })
 * buildServer({ ..., register: [whatsapp.webhookRoute] })
 * outbox.addChannelSender(whatsapp.sender)
 * await whatsapp.start()
 */
import type { Config } from '../../src/config.ts'
import type { ConversationCore } from '../../src/core/conversation.ts'
import type { HttpRouteHook } from '../../src/http/server.ts'
import { type Logger, maskPhonesInText } from '../../src/logger.ts'
import type { CrmService } from '../../src/services/crm.ts'
import type { DeliveryService, StatusReport } from '../../src/services/deliveries.ts'
import type { HandoffDesk } from '../../src/services/handoff-desk.ts'
import type { InboxService } from '../../src/services/inbox.ts'
import type { ChannelSender } from '../../src/services/notifications/types.ts'
import { createGraphApi, type GraphApi, type GraphApiOptions } from './graph-api.ts'
import { createMessageHandler } from './handle-message.ts'
import { createInboxWorker, type InboxWorker, type InboxWorkerOptions } from './inbox-worker.ts'
import type { WebhookContents } from './payloads.ts'
import { createWhatsAppSender } from './sender.ts'
import { parseTemplates } from './templates.ts'
import { whatsappWebhookRoute } from './webhook.ts'

/** The settings the adapter reads; the full `Config` fits. */
export type WhatsAppConfig = Pick<
  Config,
  | 'SHOP_NAME'
  | 'WHATSAPP_APP_SECRET'
  | 'WHATSAPP_VERIFY_TOKEN'
  | 'WHATSAPP_API_ROOT'
  | 'WHATSAPP_API_VERSION'
  | 'WHATSAPP_TEMPLATE_LANGUAGES'
  | 'WHATSAPP_TEMPLATE_PAYMENT'
  | 'WHATSAPP_TEMPLATE_SHIPPING'
  | 'WHATSAPP_TEMPLATE_HANDOFF_REPLY'
>

export interface WhatsAppAdapterOptions {
  config: WhatsAppConfig
  /** WHATSAPP_ACCESS_TOKEN. */
  accessToken: string
  /** WHATSAPP_PHONE_NUMBER_ID. */
  phoneNumberId: string
  core: Pick<ConversationCore, 'handleWithTrace' | 'delivered'>
  crm: Pick<CrmService, 'linkChannelPhone'>
  desk: Pick<HandoffDesk, 'rate'>
  inbox: InboxService
  deliveries: DeliveryService
  log: Logger
  now?: () => Date
  /** Overrides for tests: retry pauses, timeouts. */
  api?: Partial<Pick<GraphApiOptions, 'retryDelayMs' | 'timeoutMs' | 'attempts' | 'sleep'>>
  worker?: Partial<Pick<InboxWorkerOptions, 'leaseMs' | 'pollIntervalMs' | 'concurrency' | 'maxAttempts' | 'backoffMs'>>
  typingEveryMs?: number
}

export interface WhatsAppAdapter {
  api: GraphApi
  /** Delivers proactive customer messages (register with the outbox). */
  sender: ChannelSender
  /** Staff use Telegram, Discord or the console; WhatsApp carries no staff news. */
  staffSender: null
  webhookRoute: HttpRouteHook
  /** What the webhook does with a verified delivery (also the entry point of tests). */
  receive(contents: WebhookContents): Promise<void>
  worker: InboxWorker
  mode: 'webhook'
  /** Problems with the settings that leave part of the channel off (logged at start). */
  warnings: string[]
  start(): Promise<void>
  /** Stops the worker and waits for the messages being answered. */
  stop(): Promise<void>
}

const deliveryStatuses = new Set(['sent', 'delivered', 'read', 'failed'] as const)
type KnownStatus = typeof deliveryStatuses extends Set<infer T> ? T : never
/** How long handled inbox rows and sent-message statuses are kept. */
const retentionMs = 30 * 24 * 60 * 60 * 1000

export function createWhatsAppAdapter(options: WhatsAppAdapterOptions): WhatsAppAdapter {
  const { config, log, inbox, deliveries } = options
  const now = options.now ?? (() => new Date())
  const templates = parseTemplates(config, config.SHOP_NAME)
  const api = createGraphApi({
    accessToken: options.accessToken,
    phoneNumberId: options.phoneNumberId,
    apiRoot: config.WHATSAPP_API_ROOT,
    apiVersion: config.WHATSAPP_API_VERSION,
    ...options.api,
  })
  const warnings = [
    ...(config.WHATSAPP_APP_SECRET ? [] : ['WHATSAPP_APP_SECRET is not set: every incoming message is refused (401)']),
    ...(config.WHATSAPP_VERIFY_TOKEN ? [] : ['WHATSAPP_VERIFY_TOKEN is not set: Meta cannot register the webhook']),
  ]

  const worker: InboxWorker = createInboxWorker({
    channel: 'whatsapp',
    inbox,
    log,
    ...options.worker,
    handle: (row) => handle(row),
  })
  const handle = createMessageHandler({
    api,
    deliveries,
    log,
    core: options.core,
    crm: options.crm,
    desk: options.desk,
    inbox,
    leaseMs: worker.leaseMs,
    typingEveryMs: options.typingEveryMs,
  })

  async function receive(contents: WebhookContents): Promise<void> {
    const at = now()
    const fresh = await inbox.take(
      contents.messages.map((stored) => ({
        channel: 'whatsapp' as const,
        externalId: stored.message.id,
        senderId: stored.message.from,
        payload: stored,
        // Meta's send time, never in the future: it starts the 24-hour window.
        sentAt: new Date(Math.min(Number(stored.message.timestamp) * 1000, at.getTime())),
      })),
      worker.leaseMs,
    )
    worker.dispatch(fresh)
    const reports: StatusReport[] = contents.statuses.flatMap((s) => {
      if (!deliveryStatuses.has(s.status as KnownStatus)) return []
      const error = s.errors?.[0]
      if (s.status === 'failed') {
        log.warn(
          { to: maskPhonesInText(s.recipient_id), code: error?.code, title: error?.title },
          'whatsapp message failed',
        )
      }
      return [
        {
          channel: 'whatsapp' as const,
          externalId: s.id,
          recipientId: s.recipient_id,
          status: s.status as KnownStatus,
          at: new Date(Number(s.timestamp) * 1000),
          errorCode: error?.code ?? null,
          errorTitle: error?.title ?? error?.message ?? null,
        },
      ]
    })
    await deliveries.recordStatuses(reports)
  }

  let pruneTimer: NodeJS.Timeout | null = null
  async function prune(): Promise<void> {
    const olderThan = new Date(now().getTime() - retentionMs)
    const [messages, statuses] = await Promise.all([inbox.prune(olderThan), deliveries.prune(olderThan)])
    if (messages + statuses > 0) log.info({ messages, statuses }, 'old whatsapp inbox rows and statuses pruned')
  }

  return {
    api,
    sender: createWhatsAppSender({ api, inbox, deliveries, templates, log, now }),
    staffSender: null,
    webhookRoute: whatsappWebhookRoute({
      phoneNumberId: options.phoneNumberId,
      appSecret: config.WHATSAPP_APP_SECRET,
      verifyToken: config.WHATSAPP_VERIFY_TOKEN,
      receive,
      log,
    }),
    receive,
    worker,
    mode: 'webhook',
    warnings,

    async start() {
      for (const warning of warnings) log.warn(warning)
      worker.start()
      pruneTimer = setInterval(
        () => {
          prune().catch((error: unknown) => log.error({ err: error }, 'whatsapp pruning failed'))
        },
        60 * 60 * 1000,
      )
      pruneTimer.unref?.()
      const phone = await api.phoneNumber()
      log.info(
        { verifiedName: phone.verifiedName, templates: Object.keys(templates.specs) },
        'whatsapp ready: webhook at /webhooks/whatsapp',
      )
    },

    async stop() {
      if (pruneTimer) clearInterval(pruneTimer)
      pruneTimer = null
      await worker.stop()
    },
  }
}
