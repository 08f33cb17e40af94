/**
 * The channels `src/main.ts` runs, in order: the web chat and the terminal's server half always, Telegram,
 * WhatsApp and Discord when their settings are there. An explicit list (DESIGN §9, house rule 2); each factory
 * loads its channel's library only when it is switched on.
 */
import { randomBytes } from 'node:crypto'
import { servedOverHttps } from '../src/config.ts'
import type { ChannelAdapter, ChannelContext, ChannelFactory } from './channel.ts'

/**
 * The web chat (always on): the page, POST /api/chat (rating presses stored by the hand-off desk), the history,
 * and GET /api/chat/live, through which its sender delivers staff answers, rating questions and news to an open
 * page.
 */
const web: ChannelFactory = async ({ config, app, core }) => {
  const { registerWebChat } = await import('./web/routes.ts')
  const { createWebLive, withWebRatings } = await import('./web/live.ts')
  // One secret signs the session cookie for both: the live stream knows the chat by the same cookie.
  const sessionSecret = config.SESSION_SECRET ?? randomBytes(32).toString('hex')
  const isVerified = async (sessionId: string) =>
    Boolean((await app.services.crm.findIdentity('web', sessionId))?.customerId)
  const live = createWebLive({ messages: app.webChatMessages, sessionSecret })
  return {
    name: 'web',
    mode: 'http',
    sender: live.sender,
    staffSender: null,
    routes: [
      (scope) =>
        registerWebChat(scope, {
          handle: withWebRatings(core.handleWithTrace, app.staff.desk, isVerified),
          isVerified,
          history: (sessionId) => app.chatHistory.forChat('web', sessionId, sessionId),
          sessionSecret,
          shopName: config.SHOP_NAME,
          secureCookies: servedOverHttps(config),
          photoMaxBytes: config.RETURN_PHOTO_MAX_BYTES,
        }),
      live.routes,
    ],
    start: async () => undefined,
    stop: async () => undefined,
  }
}

/** TELEGRAM_BOT_TOKEN; a webhook when TELEGRAM_WEBHOOK_URL is set, else long polling. */
const telegram: ChannelFactory = async ({ config, app, core, log }) => {
  if (!config.TELEGRAM_BOT_TOKEN) return null
  const { createTelegramAdapter } = await import('./telegram/adapter.ts')
  const adapter = createTelegramAdapter({
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    photoMaxBytes: config.RETURN_PHOTO_MAX_BYTES,
    webhookUrl: config.TELEGRAM_WEBHOOK_URL,
    webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
    adminIds: config.ADMIN_TELEGRAM_IDS,
    adminChatId: config.ADMIN_TELEGRAM_CHAT_ID,
    shopName: config.SHOP_NAME,
    core,
    log: log.child({ channel: 'telegram' }),
    services: app.services,
    handoffs: app.handoffs,
    desk: app.staff.desk,
    adminOrders: app.staff.adminOrders,
    lowStock: app.staff.lowStock,
    notify: app.notify,
  })
  return {
    name: 'telegram',
    mode: adapter.mode,
    sender: adapter.sender,
    staffSender: adapter.staffSender,
    routes: adapter.webhookRoute ? [adapter.webhookRoute] : [],
    start: () =>
      adapter.start().catch((error: unknown) => {
        log.error({ err: error }, 'telegram could not start (check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT)')
      }),
    stop: () => adapter.stop(),
  }
}

/** WHATSAPP_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID; messages arrive at /webhooks/whatsapp. */
const whatsapp: ChannelFactory = async ({ config, app, core, log }) => {
  if (!config.WHATSAPP_ACCESS_TOKEN || !config.WHATSAPP_PHONE_NUMBER_ID) return null
  const { createWhatsAppAdapter } = await import('./whatsapp/adapter.ts')
  // A setting it cannot work with throws here, before the server listens: main.ts stops with the message.
  const adapter = createWhatsAppAdapter({
    config,
    accessToken: config.WHATSAPP_ACCESS_TOKEN,
    phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
    core,
    crm: app.services.crm,
    desk: app.staff.desk,
    inbox: app.staff.inbox,
    deliveries: app.staff.deliveries,
    log: log.child({ channel: 'whatsapp' }),
  })
  return {
    name: 'whatsapp',
    mode: adapter.mode,
    sender: adapter.sender,
    staffSender: null,
    routes: [adapter.webhookRoute],
    start: () =>
      adapter.start().catch((error: unknown) => {
        log.error(
          { err: error },
          'whatsapp could not be checked (check WHATSAPP_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID)',
        )
      }),
    stop: () => adapter.stop(),
  }
}

/** DISCORD_TOKEN and DISCORD_APP_ID. */
const discord: ChannelFactory = async ({ config, app, core, log }) => {
  if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID) return null
  const { startDiscord } = await import('./discord/start.ts')
  const adapter = await startDiscord({
    config,
    core,
    services: app.services,
    handoffs: app.handoffs,
    desk: app.staff.desk,
    lowStock: app.staff.lowStock,
    notify: app.notify,
    log: log.child({ channel: 'discord' }),
    login: false,
  })
  return {
    name: 'discord',
    mode: 'gateway',
    sender: adapter.channelSender,
    staffSender: adapter.staffSender,
    start: () =>
      adapter.login().catch((error: unknown) => {
        log.error({ err: error }, 'discord could not start (check DISCORD_TOKEN and DISCORD_APP_ID)')
      }),
    stop: () => adapter.stop(),
  }
}

export const channels: readonly ChannelFactory[] = [web, telegram, whatsapp, discord]

/** Builds every configured channel, each with its own in-flight count (see `src/shutdown.ts`). */
export async function createChannels(
  context: Omit<ChannelContext, 'core'>,
  wrap: (core: ChannelContext['core']) => ChannelContext['core'],
): Promise<ChannelAdapter[]> {
  const built: ChannelAdapter[] = []
  for (const factory of channels) {
    const adapter = await factory({ ...context, core: wrap(context.app.core) })
    if (adapter) built.push(adapter)
  }
  return built
}
