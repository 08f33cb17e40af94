/**
 * Builds the whole Telegram side over a test database, as main.ts does: core (rule agent unless given), hand-off
 * desk and notices, low-stock watcher, admin order view, the adapter with a preset botInfo (no getMe), and an
 * outbox worker with the Telegram senders. The Bot API itself is the MSW fake in test/msw/telegram.ts.
 */

import { createTelegramAdapter } from '../../../adapters/telegram/adapter.ts'
import type { Agent } from '../../../src/agent/types.ts'
import { createApp } from '../../../src/app.ts'
import type { Database } from '../../../src/db/client.ts'
import { type Logger, silentLogger } from '../../../src/logger.ts'
import { createAdminOrderService } from '../../../src/services/admin-orders.ts'
import { createHandoffDesk } from '../../../src/services/handoff-desk.ts'
import { createHandoffNotices } from '../../../src/services/notifications/handoff-notices.ts'
import { createLowStockWatcher } from '../../../src/services/notifications/low-stock.ts'
import { createOutboxWorker } from '../../../src/services/notifications/outbox.ts'
import { testBotInfo, testBotToken } from '../../msw/telegram.ts'

export const adminUserId = 9001
export const adminChatId = -100900

export interface HarnessOptions {
  agent?: Agent | 'rules'
  adminIds?: string[]
  adminChatId?: string | null
  webhookUrl?: string
  webhookSecret?: string
  log?: Logger
  now?: () => Date
  /**
   * Default 0: "typing…" goes out before every answer, so tests see one fixed sequence of calls. Null leaves the
   * bot's own default.
   */
  typingDelayMs?: number | null
  /** RETURN_PHOTO_MAX_BYTES for the app and the bot (default 5 MB). */
  photoMaxBytes?: number
}

export function buildTelegramHarness(db: Database, options: HarnessOptions = {}) {
  const log = options.log ?? silentLogger()
  const prisma = db.prisma
  const notices = createHandoffNotices({ prisma })
  const built = createApp({
    db,
    log,
    agent: options.agent ?? 'rules',
    config: {
      RATE_LIMIT_PER_MINUTE: 1000,
      ...(options.photoMaxBytes ? { RETURN_PHOTO_MAX_BYTES: options.photoMaxBytes } : {}),
    },
    onHandoffOpened: notices.opened,
    ...(options.now ? { now: options.now } : {}),
  })
  const desk = createHandoffDesk({ prisma })
  const chatId = options.adminChatId === undefined ? String(adminChatId) : (options.adminChatId ?? undefined)
  const adapter = createTelegramAdapter({
    token: testBotToken,
    core: built.core,
    log,
    services: built.services,
    handoffs: built.handoffs,
    desk,
    adminOrders: createAdminOrderService({ prisma }),
    lowStock: createLowStockWatcher({ prisma, log }),
    adminIds: options.adminIds ?? [String(adminUserId)],
    adminChatId: chatId,
    shopName: 'UrbanStyle ID',
    botInfo: testBotInfo,
    api: { throttle: false },
    typingIntervalMs: 60_000,
    ...(options.typingDelayMs === null ? {} : { typingDelayMs: options.typingDelayMs ?? 0 }),
    ...(options.photoMaxBytes ? { photoMaxBytes: options.photoMaxBytes } : {}),
    webhookUrl: options.webhookUrl,
    webhookSecret: options.webhookSecret,
    ...(options.now ? { now: options.now } : {}),
  })
  const outbox = createOutboxWorker({
    prisma,
    log,
    senders: [adapter.sender],
    staffSenders: adapter.staffSender ? [adapter.staffSender] : [],
    shopName: 'UrbanStyle ID',
    ...(options.now ? { now: options.now } : {}),
  })
  return { ...built, adapter, bot: adapter.bot, outbox, desk, notices }
}

export type TelegramHarness = ReturnType<typeof buildTelegramHarness>
