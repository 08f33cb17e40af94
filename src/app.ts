/**
 * The composition root: over one open database, the configuration chooses the gateways, and from them come the
 * services, the tools, the agent, the conversation core and the staff parts (hand-off desk, notices, outbox).
 * `src/main.ts`, the terminal chat, the tests, the bench and the eval all build the app here, so they run the
 * same parts; they differ only in what they override (a test's clock, a scripted agent, a fake fetch).
 *
 * @example
 * const app = createApp({ db, log, config: loadConfig() })
 * const trace = await app.core.handleWithTrace(message)
 */

import { join } from 'node:path'
import { toolJsonSchemas, tools as toolRegistry } from '../tools/index.ts'
import { type ClaudeAgent, type ClaudeAgentDeps, type ClaudeObserver, createClaudeAgent } from './agent/claude.ts'
import type { SetupFault } from './agent/claude-setup.ts'
import { createLiveKnowledgeBase, type KnowledgeBase } from './agent/knowledge.ts'
import { detectLocale } from './agent/language.ts'
import { defaultClaudeModel } from './agent/models.ts'
import { createRuleAgent } from './agent/rules.ts'
import type { Agent } from './agent/types.ts'
import type { Config } from './config.ts'
import { createConfirmations } from './core/confirmations.ts'
import { type ConversationCore, createConversationCore } from './core/conversation.ts'
import { type AnyTool, createToolInvoker, type ToolCallObserver } from './core/tool-invoker.ts'
import type { Database } from './db/client.ts'
import type { CourierGateway } from './gateways/courier.ts'
import type { PaymentGateway } from './gateways/payment.ts'
import type { PaymentLinkGateway } from './gateways/payment-links.ts'
import type { RatesGateway } from './gateways/rates.ts'
import { createGateways, type GatewayConfig, type Gateways } from './gateways/select.ts'
import type { ConnectorConfig } from './gateways/shop-platforms/select.ts'
import type { Logger } from './logger.ts'
import { createAdminOrderService } from './services/admin-orders.ts'
import { type ChatHistory, createChatHistory } from './services/chat-history.ts'
import {
  type ConsoleParts,
  type ConsoleSettings,
  createConsole,
  defaultConsoleSettings,
} from './services/console/console.ts'
import { createConversationLock } from './services/conversation-lock.ts'
import { createConversationStore } from './services/conversation-store.ts'
import { createDeliveryService } from './services/deliveries.ts'
import { createDemoPresence } from './services/demo-removal.ts'
import { createHandoffDesk } from './services/handoff-desk.ts'
import { createHandoffs, type HandoffOpenedEvent, type Handoffs } from './services/handoffs.ts'
import { createInboxService } from './services/inbox.ts'
import { createServices, defaultEnabledPayments, type Services } from './services/index.ts'
import { createKnowledgeStore, type KnowledgeStore } from './services/knowledge/store.ts'
import { createClaudeNotices } from './services/notifications/claude-notices.ts'
import { createHandoffNotices } from './services/notifications/handoff-notices.ts'
import { createLowStockWatcher } from './services/notifications/low-stock.ts'
import { createOutboxWorker, type OutboxOptions, type OutboxWorker } from './services/notifications/outbox.ts'
import { createRefundTask } from './services/notifications/refund-task.ts'
import { createReturnRefundTask } from './services/notifications/return-refund-task.ts'
import { createPendingActionStore } from './services/pending-actions.ts'
import { returnPolicyFrom, returnPolicyStated } from './services/return-policy.ts'
import { returnPolicyMarkdown, returnPolicySection } from './services/returns/policy-text.ts'
import { defaultShopSettings, demoKnowledgePath, type ShopSettings } from './services/shop.ts'
import { createShopSetup, type ShopSetup } from './services/shop-setup.ts'
import { createShopPlatforms, type ShopPlatforms } from './services/shop-sync/platforms.ts'
import { defaultVerificationLimits } from './services/verification-limits.ts'
import { createWebChatMessages, type WebChatMessages } from './services/web-chat-messages.ts'

/** The settings the app reads; the full `Config` fits, a test passes the few it sets. */
export type AppConfig = Partial<GatewayConfig> &
  Partial<ConnectorConfig> &
  Partial<
    Pick<
      Config,
      | 'RATE_LIMIT_PER_MINUTE'
      | 'SHOP_NAME'
      | 'ANTHROPIC_API_KEY'
      | 'ANTHROPIC_MODEL'
      | 'ANTHROPIC_BASE_URL'
      | 'ANTHROPIC_MAX_HISTORY_TOKENS'
      | 'ANTHROPIC_MAX_OUTPUT_TOKENS'
      | 'ANTHROPIC_DEADLINE_MS'
      | 'ANTHROPIC_ATTEMPT_TIMEOUT_MS'
      | 'ANTHROPIC_MAX_RETRIES'
      | 'ANTHROPIC_RETRY_AFTER_CAP_MS'
      | 'ANTHROPIC_BREAKER_FAILURES'
      | 'ANTHROPIC_BREAKER_COOLDOWN_MS'
      | 'ANTHROPIC_CACHE_TTL'
      | 'ANTHROPIC_PRICE_INPUT_PER_MTOK'
      | 'ANTHROPIC_PRICE_OUTPUT_PER_MTOK'
      | 'COURIER_REFRESH_MINUTES'
      | 'VERIFY_ORDER_MAX_FAILURES'
      | 'VERIFY_ORDER_LOCK_MINUTES'
      | 'VERIFY_CUSTOMER_MAX_FAILURES'
      | 'VERIFY_CUSTOMER_LOCK_MINUTES'
      | 'VERIFY_ADDRESS_MAX_ATTEMPTS'
      | 'VERIFY_ADDRESS_WINDOW_MINUTES'
      | 'SHIPPING_FREE_OVER'
      | 'SHIPPING_QUOTE_CACHE_SECONDS'
      | 'PAYMENT_LINK_EXPIRY_MINUTES'
      | 'COD_CONFIRM_ALERT_HOURS'
      | 'RETURN_WINDOW_DAYS'
      | 'RETURN_EXCHANGES'
      | 'RETURN_SHIPPING_PAID_BY'
      | 'RETURN_ADDRESS'
      | 'RETURN_PARCEL_DAYS'
      | 'RETURN_PHOTO_MAX_BYTES'
      | 'DATA_DIR'
      | 'KNOWLEDGE_DIR'
      | 'KNOWLEDGE_CHECK_SECONDS'
    >
  > &
  Partial<ConsoleSettings>

export interface AppOptions {
  db: Pick<Database, 'kind' | 'prisma' | 'sql'>
  log: Logger
  config?: AppConfig
  now?: () => Date
  /** 'auto' (default): Claude when ANTHROPIC_API_KEY is set, else the rule agent. Or an agent of your own. */
  agent?: 'auto' | 'rules' | 'claude' | Agent
  /** Default: chosen by the configuration (the HTTP gateway when its key is set, else the offline one). */
  paymentGateway?: PaymentGateway
  courierGateway?: CourierGateway
  ratesGateway?: RatesGateway
  paymentLinkGateway?: PaymentLinkGateway
  /** The fetch the HTTP gateways use (tests answer it with MSW). */
  fetch?: typeof fetch
  /** The shop's name and bank accounts; default: SHOP_NAME and the accounts of the shop's knowledge. */
  shop?: ShopSettings
  tools?: readonly AnyTool[]
  /**
   * Staff hear of new hand-offs and of Claude set-up faults through the outbox. On in the server; off by default so
   * a test's outbox holds only what it is about. A function of your own replaces the notice.
   */
  staffNotices?: boolean
  /** Replaces the outbox kick that follows a queued staff notice (tests count the kicks). */
  notify?: () => void
  onHandoffOpened?: (event: HandoffOpenedEvent) => void | Promise<void>
  /** Whether a staff channel can answer hand-offs now (default: yes); without one none is opened. */
  staffAvailable?: () => boolean
  onClaudeSetupFault?: (fault: SetupFault) => void | Promise<void>
  /** Claude's options the settings do not cover (the bench turns prompt caching off; tests pass a clock). */
  claude?: Pick<ClaudeAgentDeps, 'promptCaching' | 'now' | 'fetch'>
  /** Counts tool calls and Claude's requests, tokens and fall-backs (the metrics of src/ops/metrics.ts). */
  observer?: ToolCallObserver & ClaudeObserver
  /** The fetch each HTTP gateway sends with (main.ts's counting fetch); default `fetch`. */
  gatewayFetch?: (gateway: 'midtrans' | 'courier') => typeof fetch
  /** Told of each outbox row that ended FAILED (error reports). */
  onOutboxFailed?: OutboxOptions['onFailed']
}

/** Everything the app is made of; channels and the HTTP server are given what they need from here. */
export interface App {
  core: ConversationCore
  services: Services
  gateways: Gateways
  handoffs: Handoffs
  agent: Agent
  /** The Claude agent when it answers (its set-up check and status), else null. */
  claude: ClaudeAgent | null
  /** What staff surfaces (admin commands, the console) call, besides the services. */
  staff: StaffParts
  /** Delivers what services queue (payments, shipping, hand-off answers, staff notices); started by main. */
  outbox: OutboxWorker
  /** Runs the outbox once now (after an admin command queued something). */
  notify: () => void
  /** A chat's conversation so far (the web chat shows it again after a reload). */
  chatHistory: ChatHistory
  /** WooCommerce and Shopify: their clients and webhook secrets, and the reconcile loop (started by main). */
  shopPlatforms: ShopPlatforms
  /** Staff messages the web chat keeps without a customer message to answer (the rating question). */
  webChatMessages: WebChatMessages
  /** The staff console's services (accounts, inbox, hand-off actions, analytics, live events, upkeep). */
  console: ConsoleParts
  /** The shop's knowledge files as in use now (FAQ, policies, bank accounts), re-read when they change. */
  knowledge: KnowledgeStore
  /** What the shop still has to connect (products, knowledge files, a staff channel, a console owner). */
  setup: ShopSetup
}

export interface StaffParts {
  desk: ReturnType<typeof createHandoffDesk>
  notices: ReturnType<typeof createHandoffNotices>
  adminOrders: ReturnType<typeof createAdminOrderService>
  lowStock: ReturnType<typeof createLowStockWatcher>
  inbox: ReturnType<typeof createInboxService>
  deliveries: ReturnType<typeof createDeliveryService>
}

export function createApp(options: AppOptions): App {
  const { db, log } = options
  const config = options.config ?? {}
  const now = options.now ?? (() => new Date())
  // The knowledge files of KNOWLEDGE_DIR (default DATA_DIR/knowledge; none when neither is set, as in most tests);
  // without any, the demo's FAQ while the demo shop is in the database.
  const knowledgeStore = createKnowledgeStore({
    dir: config.KNOWLEDGE_DIR ?? (config.DATA_DIR ? join(config.DATA_DIR, 'knowledge') : null),
    demo: { path: demoKnowledgePath },
    demoPresent: createDemoPresence(db.sql),
    checkIntervalMs: (config.KNOWLEDGE_CHECK_SECONDS ?? 5) * 1000,
    log: log.child({ component: 'knowledge' }),
  })
  const shop: ShopSettings = options.shop ?? {
    name: config.SHOP_NAME ?? defaultShopSettings.name,
    bankAccounts: async () => (await knowledgeStore.refresh()).bankAccounts,
  }
  const chosen = createGateways({
    prisma: db.prisma,
    config: {
      ...config,
      MIDTRANS_PRODUCTION: config.MIDTRANS_PRODUCTION ?? false,
      COURIER_API_URL: config.COURIER_API_URL ?? 'https://api.binderbyte.com',
      GATEWAY_TIMEOUT_MS: config.GATEWAY_TIMEOUT_MS ?? 8000,
      BITESHIP_API_ROOT: config.BITESHIP_API_ROOT ?? 'https://api.biteship.com',
      BITESHIP_COURIERS: config.BITESHIP_COURIERS ?? 'jne,sicepat,jnt,anteraja',
      SHIPPING_ORIGIN_POSTAL_CODE: config.SHIPPING_ORIGIN_POSTAL_CODE ?? '10110',
      MIDTRANS_ENABLED_PAYMENTS: config.MIDTRANS_ENABLED_PAYMENTS ?? defaultEnabledPayments.join(','),
      HOST: config.HOST ?? '127.0.0.1',
      PORT: config.PORT ?? 3000,
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.gatewayFetch ? { fetchFor: options.gatewayFetch } : {}),
  })
  const gateways: Gateways = {
    paymentGateway: options.paymentGateway ?? chosen.paymentGateway,
    courierGateway: options.courierGateway ?? chosen.courierGateway,
    ratesGateway: options.ratesGateway ?? chosen.ratesGateway,
    paymentLinkGateway: options.paymentLinkGateway ?? chosen.paymentLinkGateway,
  }
  const notices = createHandoffNotices({ prisma: db.prisma })
  const claudeNotices = createClaudeNotices({ prisma: db.prisma })
  const staffNotices = options.staffNotices ?? false
  const onHandoffOpened = options.onHandoffOpened ?? (staffNotices ? notices.opened : undefined)
  const onClaudeSetupFault =
    options.onClaudeSetupFault ??
    (staffNotices
      ? async (fault: SetupFault) => {
          await claudeNotices.setupFault(fault)
        }
      : undefined)
  const services = createServices({
    prisma: db.prisma,
    sql: db.sql,
    ...gateways,
    log,
    now,
    shop,
    courierRefreshMinutes: config.COURIER_REFRESH_MINUTES ?? 30,
    ...(config.COD_CONFIRM_ALERT_HOURS !== undefined ? { codConfirmAlertHours: config.COD_CONFIRM_ALERT_HOURS } : {}),
    returnPolicy: returnPolicyFrom(config),
    ...(config.RETURN_PHOTO_MAX_BYTES !== undefined ? { photoMaxBytes: config.RETURN_PHOTO_MAX_BYTES } : {}),
    ...(config.PAYMENT_LINK_EXPIRY_MINUTES !== undefined
      ? { paymentLink: { expiryMinutes: config.PAYMENT_LINK_EXPIRY_MINUTES } }
      : {}),
    shippingQuote: {
      ...(config.SHIPPING_FREE_OVER !== undefined ? { freeShippingOver: config.SHIPPING_FREE_OVER } : {}),
      ...(config.SHIPPING_QUOTE_CACHE_SECONDS !== undefined
        ? { cacheSeconds: config.SHIPPING_QUOTE_CACHE_SECONDS }
        : {}),
    },
    verificationLimits: {
      orderMaxFailures: config.VERIFY_ORDER_MAX_FAILURES ?? defaultVerificationLimits.orderMaxFailures,
      orderLockMinutes: config.VERIFY_ORDER_LOCK_MINUTES ?? defaultVerificationLimits.orderLockMinutes,
      customerMaxFailures: config.VERIFY_CUSTOMER_MAX_FAILURES ?? defaultVerificationLimits.customerMaxFailures,
      customerLockMinutes: config.VERIFY_CUSTOMER_LOCK_MINUTES ?? defaultVerificationLimits.customerLockMinutes,
      addressMaxAttempts: config.VERIFY_ADDRESS_MAX_ATTEMPTS ?? defaultVerificationLimits.addressMaxAttempts,
      addressWindowMinutes: config.VERIFY_ADDRESS_WINDOW_MINUTES ?? defaultVerificationLimits.addressWindowMinutes,
    },
  })
  const tools = options.tools ?? toolRegistry
  const returnPolicy = returnPolicyFrom(config)
  // The FAQ's return answer is written from the same policy the return tools enforce.
  const knowledge = createLiveKnowledgeBase(knowledgeStore, {
    section: returnPolicySection(returnPolicy),
    markdown: returnPolicyMarkdown(returnPolicy),
    always: returnPolicyStated(config),
  })
  const agent = chooseAgent({ ...options, onClaudeSetupFault }, config, tools, shop.name, knowledge)
  const handoffs = createHandoffs({ prisma: db.prisma, now, log, onHandoffOpened })
  const pendingActions = createPendingActionStore({ prisma: db.prisma, now })

  const worker = createOutboxWorker({
    prisma: db.prisma,
    log: log.child({ component: 'outbox' }),
    shopName: shop.name,
    // Refunds whose request failed when the order was cancelled are asked for again, with backoff.
    // So are a return's gateway refunds whose first request failed when the parcel was marked received.
    tasks: [createRefundTask({ orders: services.orders }), createReturnRefundTask({ returns: services.returns })],
    ...(options.onOutboxFailed ? { onFailed: options.onOutboxFailed } : {}),
  })
  // Kicked only once started (by main.ts, after the channels registered their senders): a pass before that would
  // find no sender for what it delivers.
  let outboxStarted = false
  const outbox: OutboxWorker = {
    ...worker,
    start() {
      outboxStarted = true
      worker.start()
    },
  }
  const notify =
    options.notify ??
    (() => {
      if (!outboxStarted) return
      worker.runOnce().catch((error: unknown) => log.error({ err: error }, 'outbox pass failed'))
    })
  const core = createConversationCore({
    store: createConversationStore(db.sql),
    crm: services.crm,
    orders: services.orders,
    agent,
    tools: createToolInvoker({
      tools,
      services,
      pendingActions,
      handoffs,
      now,
      ...(options.staffAvailable ? { staffAvailable: options.staffAvailable } : {}),
      ...(options.observer ? { observer: options.observer } : {}),
      // The contact section's list (WhatsApp, email, ...), without its advice to ask for staff in this chat.
      shopContact: (locale) =>
        knowledge
          .get('contact', locale)
          ?.text.split('\n')
          .filter((line) => line.startsWith('- '))
          .join('\n') || undefined,
    }),
    buttons: createConfirmations({ store: pendingActions, tools, services, log }),
    photos: services.attachments,
    handoffs,
    forwardToStaff: async (message) => {
      await notices.customerWrote(message)
      notify()
    },
    rateLimit: { limit: config.RATE_LIMIT_PER_MINUTE ?? 20 },
    lock: createConversationLock({ db, log }),
    detectLocale,
    log,
    now,
    shopName: shop.name,
  })
  const desk = createHandoffDesk({ prisma: db.prisma, now, shopName: shop.name })
  const staff: StaffParts = {
    desk,
    notices,
    adminOrders: createAdminOrderService({ prisma: db.prisma }),
    lowStock: createLowStockWatcher({ prisma: db.prisma, log }),
    inbox: createInboxService({ prisma: db.prisma }),
    deliveries: createDeliveryService({ prisma: db.prisma }),
  }
  return {
    core,
    services,
    gateways,
    handoffs,
    agent,
    claude: isClaude(agent) ? agent : null,
    staff,
    outbox,
    notify,
    chatHistory: createChatHistory({ prisma: db.prisma }),
    shopPlatforms: createShopPlatforms({
      config: {
        ...config,
        SHOPIFY_API_VERSION: config.SHOPIFY_API_VERSION ?? '2026-10',
        SHOP_RECONCILE_MINUTES: config.SHOP_RECONCILE_MINUTES ?? 15,
        SHOP_PLATFORM_TIMEOUT_MS: config.SHOP_PLATFORM_TIMEOUT_MS ?? 15_000,
      },
      shopSync: services.shopSync,
      prisma: db.prisma,
      log: log.child({ component: 'shop-sync' }),
      now,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
    webChatMessages: createWebChatMessages({ prisma: db.prisma }),
    console: createConsole({
      prisma: db.prisma,
      now,
      log: log.child({ component: 'console' }),
      settings: {
        CONSOLE_OWNER_EMAIL: config.CONSOLE_OWNER_EMAIL,
        CONSOLE_OWNER_PASSWORD: config.CONSOLE_OWNER_PASSWORD,
        CONSOLE_SESSION_HOURS: config.CONSOLE_SESSION_HOURS ?? defaultConsoleSettings.CONSOLE_SESSION_HOURS,
        CONSOLE_LOGIN_MAX_FAILURES:
          config.CONSOLE_LOGIN_MAX_FAILURES ?? defaultConsoleSettings.CONSOLE_LOGIN_MAX_FAILURES,
        CONSOLE_LOGIN_LOCK_MINUTES:
          config.CONSOLE_LOGIN_LOCK_MINUTES ?? defaultConsoleSettings.CONSOLE_LOGIN_LOCK_MINUTES,
        CONSOLE_LOGIN_RATE_PER_MINUTE:
          config.CONSOLE_LOGIN_RATE_PER_MINUTE ?? defaultConsoleSettings.CONSOLE_LOGIN_RATE_PER_MINUTE,
        HANDOFF_WAIT_TIMEOUT_MINUTES:
          config.HANDOFF_WAIT_TIMEOUT_MINUTES ?? defaultConsoleSettings.HANDOFF_WAIT_TIMEOUT_MINUTES,
      },
      handoffs,
      desk,
      notify,
    }),
    knowledge: knowledgeStore,
    setup: createShopSetup({ prisma: db.prisma, knowledge: knowledgeStore }),
  }
}

function isClaude(agent: Agent): agent is ClaudeAgent {
  return agent.name === 'claude' && typeof (agent as Partial<ClaudeAgent>).checkSetup === 'function'
}

function chooseAgent(
  options: AppOptions,
  config: AppConfig,
  tools: readonly AnyTool[],
  shopName: string,
  knowledge: KnowledgeBase,
): Agent {
  if (typeof options.agent === 'object') return options.agent
  const rules = createRuleAgent({ knowledge })
  const wanted = options.agent ?? 'auto'
  if (wanted === 'rules' || (wanted === 'auto' && !config.ANTHROPIC_API_KEY)) return rules
  if (!config.ANTHROPIC_API_KEY) throw new Error('the Claude agent needs ANTHROPIC_API_KEY')
  return createClaudeAgent({
    apiKey: config.ANTHROPIC_API_KEY,
    model: config.ANTHROPIC_MODEL ?? defaultClaudeModel,
    baseURL: config.ANTHROPIC_BASE_URL,
    maxOutputTokens: config.ANTHROPIC_MAX_OUTPUT_TOKENS,
    deadlineMs: config.ANTHROPIC_DEADLINE_MS,
    attemptTimeoutMs: config.ANTHROPIC_ATTEMPT_TIMEOUT_MS,
    maxRetries: config.ANTHROPIC_MAX_RETRIES,
    retryAfterCapMs: config.ANTHROPIC_RETRY_AFTER_CAP_MS,
    breakerFailures: config.ANTHROPIC_BREAKER_FAILURES,
    breakerCooldownMs: config.ANTHROPIC_BREAKER_COOLDOWN_MS,
    cacheTtl: config.ANTHROPIC_CACHE_TTL,
    prices: {
      inputPerMTok: config.ANTHROPIC_PRICE_INPUT_PER_MTOK ?? 3,
      outputPerMTok: config.ANTHROPIC_PRICE_OUTPUT_PER_MTOK ?? 15,
    },
    ...(options.onClaudeSetupFault ? { onSetupFault: options.onClaudeSetupFault } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
    ...options.claude,
    tools: toolJsonSchemas(tools).map((tool) => ({
      name: tool.name,
      description: tool.description,
      inputSchema: tool.input_schema,
    })),
    knowledge,
    shopName,
    fallback: rules,
    maxHistoryTokens: config.ANTHROPIC_MAX_HISTORY_TOKENS ?? 6000,
    log: options.log.child({ component: 'claude' }),
  })
}
