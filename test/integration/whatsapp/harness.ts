/**
 * Builds the whole WhatsApp side over a test database, as main.ts does: core (rule agent unless given), hand-off
 * desk and notices, the inbox and delivery services, the adapter, an outbox worker with the WhatsApp sender and
 * the Telegram staff relay, and the real HTTP server with the webhook route. The Graph API is the MSW fake in
 * test/msw/whatsapp.ts (and the Telegram Bot API the one in test/msw/telegram.ts).
 */
import { Api } from 'grammy'
import { createTelegramStaffSender } from '../../../adapters/telegram/sender.ts'
import {
  createWhatsAppAdapter,
  type WhatsAppAdapterOptions,
  type WhatsAppConfig,
} from '../../../adapters/whatsapp/adapter.ts'
import { signWhatsAppBody } from '../../../adapters/whatsapp/signature.ts'
import type { Agent } from '../../../src/agent/types.ts'
import { createApp } from '../../../src/app.ts'
import type { Database } from '../../../src/db/client.ts'
import { type Logger, silentLogger } from '../../../src/logger.ts'
import { createDeliveryService } from '../../../src/services/deliveries.ts'
import { createHandoffDesk } from '../../../src/services/handoff-desk.ts'
import { createInboxService } from '../../../src/services/inbox.ts'
import { createHandoffNotices } from '../../../src/services/notifications/handoff-notices.ts'
import { createOutboxWorker } from '../../../src/services/notifications/outbox.ts'
import { buildTestServer } from '../../helpers/http.ts'
import { testBotToken } from '../../msw/telegram.ts'
import {
  fakeGraphRoot,
  type Payload,
  testAccessToken,
  testApiVersion,
  testAppSecret,
  testPhoneNumberId,
  testVerifyToken,
} from '../../msw/whatsapp.ts'

export const staffChatId = -100800

export const testWhatsAppConfig: WhatsAppConfig = {
  SHOP_NAME: 'UrbanStyle ID',
  WHATSAPP_APP_SECRET: testAppSecret,
  WHATSAPP_VERIFY_TOKEN: testVerifyToken,
  WHATSAPP_API_ROOT: fakeGraphRoot,
  WHATSAPP_API_VERSION: testApiVersion,
  WHATSAPP_TEMPLATE_LANGUAGES: [],
  WHATSAPP_TEMPLATE_PAYMENT: undefined,
  WHATSAPP_TEMPLATE_SHIPPING: undefined,
  WHATSAPP_TEMPLATE_HANDOFF_REPLY: undefined,
}

export interface HarnessOptions {
  agent?: Agent | 'rules'
  config?: Partial<WhatsAppConfig>
  log?: Logger
  now?: () => Date
  worker?: WhatsAppAdapterOptions['worker']
}

export function buildWhatsAppHarness(db: Database, options: HarnessOptions = {}) {
  const log = options.log ?? silentLogger()
  const prisma = db.prisma
  const now = options.now
  const notices = createHandoffNotices({ prisma })
  const built = createApp({
    db,
    log,
    agent: options.agent ?? 'rules',
    config: { RATE_LIMIT_PER_MINUTE: 1000 },
    onHandoffOpened: notices.opened,
    ...(now ? { now } : {}),
  })
  const desk = createHandoffDesk({ prisma })
  const inbox = createInboxService({ prisma, ...(now ? { now } : {}) })
  const deliveries = createDeliveryService({ prisma, ...(now ? { now } : {}) })
  const adapter = createWhatsAppAdapter({
    config: { ...testWhatsAppConfig, ...options.config },
    accessToken: testAccessToken,
    phoneNumberId: testPhoneNumberId,
    core: built.core,
    crm: built.services.crm,
    desk,
    inbox,
    deliveries,
    log,
    ...(now ? { now } : {}),
    api: { retryDelayMs: () => 1 },
    worker: { pollIntervalMs: 50, ...options.worker },
  })
  const outbox = createOutboxWorker({
    prisma,
    log,
    senders: [adapter.sender],
    staffSenders: [createTelegramStaffSender({ api: new Api(testBotToken), chatId: String(staffChatId) })],
    shopName: 'UrbanStyle ID',
    ...(now ? { now } : {}),
  })
  const app = buildTestServer(db, { register: [adapter.webhookRoute] })

  /** POSTs a delivery signed like Meta signs it, and waits until the messages it carried are answered. */
  async function deliver(payload: Payload, headers?: Record<string, string>) {
    const body = JSON.stringify(payload)
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      payload: body,
      headers: headers ?? {
        'content-type': 'application/json',
        'x-hub-signature-256': signWhatsAppBody(body, testAppSecret),
      },
    })
    await adapter.worker.idle()
    return response
  }

  return { ...built, adapter, outbox, desk, notices, inbox, deliveries, app, deliver }
}

export type WhatsAppHarness = ReturnType<typeof buildWhatsAppHarness>
