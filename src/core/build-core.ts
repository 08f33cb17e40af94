/**
 * Wires services, tools and an agent into a conversation core over one open database. Used by main.ts, the
 * terminal chat and tests, so all three run the same parts.
 *
 * @example
 * const { core, handoffs } = buildCore({ db, log, config: { RATE_LIMIT_PER_MINUTE: 20 } })
 * const replies = await core.handle(message)
 */

import { toolJsonSchemas, tools as toolRegistry } from '../../tools/index.ts'
import { type ClaudeAgent, type ClaudeAgentDeps, createClaudeAgent } from '../agent/claude.ts'
import type { SetupFault } from '../agent/claude-setup.ts'
import { loadKnowledgeBase } from '../agent/knowledge.ts'
import { detectLocale } from '../agent/language.ts'
import { defaultClaudeModel } from '../agent/models.ts'
import { createRuleAgent } from '../agent/rules.ts'
import type { Agent } from '../agent/types.ts'
import type { Config } from '../config.ts'
import type { Database } from '../db/client.ts'
import type { CourierGateway } from '../gateways/courier.ts'
import { createOfflineCourierGateway } from '../gateways/courier-offline.ts'
import type { PaymentGateway } from '../gateways/payment.ts'
import { createOfflinePaymentGateway } from '../gateways/payment-offline.ts'
import type { Logger } from '../logger.ts'
import type { MetricsObserver } from '../ops/metrics.ts'
import { createServices, type Services } from '../services/index.ts'
import { defaultShopSettings, type ShopSettings } from '../services/shop.ts'
import { defaultVerificationLimits } from '../services/verification-limits.ts'
import { type ConversationCore, createConversationCore } from './conversation.ts'
import { createConversationLock } from './conversation-lock.ts'
import { createConversationStore } from './conversation-store.ts'
import { createHandoffs, type HandoffOpenedEvent, type Handoffs } from './handoff.ts'
import { confirmPendingAction, createPendingActionStore, rejectPendingAction } from './pending-actions.ts'
import { type AnyTool, createToolInvoker } from './tool-invoker.ts'

/** The settings the core reads; the full `Config` fits. */
export type CoreConfig = Partial<
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
  >
>

export interface BuildCoreOptions {
  db: Pick<Database, 'kind' | 'prisma' | 'sql'>
  log: Logger
  config?: CoreConfig
  now?: () => Date
  /** 'auto' (default): Claude when ANTHROPIC_API_KEY is set, else the rule agent. Or an agent of your own. */
  agent?: 'auto' | 'rules' | 'claude' | Agent
  /** Default: the offline gateways backed by the database. */
  paymentGateway?: PaymentGateway
  courierGateway?: CourierGateway
  shop?: ShopSettings
  tools?: readonly AnyTool[]
  onHandoffOpened?: (event: HandoffOpenedEvent) => void | Promise<void>
  /** Told once per Claude set-up fault (a refused key, an unknown model); main.ts tells staff. */
  onClaudeSetupFault?: (fault: SetupFault) => void | Promise<void>
  /** Claude's options the settings do not cover (the bench turns prompt caching off; tests pass a clock). */
  claude?: Pick<ClaudeAgentDeps, 'promptCaching' | 'now' | 'fetch'>
  /** Counts tool calls, Claude's requests, tokens and fallbacks (src/ops/metrics.ts). */
  metrics?: MetricsObserver
}

export interface BuiltCore {
  core: ConversationCore
  services: Services
  handoffs: Handoffs
  agent: Agent
  /** The Claude agent when it answers (its set-up check and status), else null. */
  claude: ClaudeAgent | null
}

export function buildCore(options: BuildCoreOptions): BuiltCore {
  const { db, log } = options
  const config = options.config ?? {}
  const now = options.now ?? (() => new Date())
  const shop = options.shop ?? { ...defaultShopSettings, name: config.SHOP_NAME ?? defaultShopSettings.name }
  const services = createServices({
    prisma: db.prisma,
    sql: db.sql,
    paymentGateway: options.paymentGateway ?? createOfflinePaymentGateway({ prisma: db.prisma }),
    courierGateway: options.courierGateway ?? createOfflineCourierGateway({ prisma: db.prisma }),
    log,
    now,
    shop,
    courierRefreshMinutes: config.COURIER_REFRESH_MINUTES ?? 30,
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
  const agent = chooseAgent(options, config, tools, shop.name, services)
  const handoffs = createHandoffs({ prisma: db.prisma, now, log, onHandoffOpened: options.onHandoffOpened })
  const pendingDeps = { prisma: db.prisma, now, services, log }

  const core = createConversationCore({
    store: createConversationStore(db.sql),
    crm: services.crm,
    agent,
    tools: createToolInvoker({
      tools,
      services,
      pendingActions: createPendingActionStore({ prisma: db.prisma, now }),
      handoffs,
      now,
      ...(options.metrics ? { observer: options.metrics } : {}),
    }),
    buttons: {
      confirm: (token, identity, locale) => confirmPendingAction(pendingDeps, token, identity, locale),
      reject: (token, identity, locale) => rejectPendingAction(pendingDeps, token, identity, locale),
    },
    handoffs,
    rateLimit: { limit: config.RATE_LIMIT_PER_MINUTE ?? 20 },
    lock: createConversationLock({ db, log }),
    detectLocale,
    log,
    now,
    shopName: shop.name,
  })
  return { core, services, handoffs, agent, claude: isClaude(agent) ? agent : null }
}

function isClaude(agent: Agent): agent is ClaudeAgent {
  return agent.name === 'claude' && typeof (agent as Partial<ClaudeAgent>).checkSetup === 'function'
}

function chooseAgent(
  options: BuildCoreOptions,
  config: CoreConfig,
  tools: readonly AnyTool[],
  shopName: string,
  services: Services,
): Agent {
  if (typeof options.agent === 'object') return options.agent
  const knowledge = loadKnowledgeBase()
  const rules = createRuleAgent({ knowledge, searchProducts: (query) => services.inventory.searchProducts(query) })
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
    ...(options.metrics ? { observer: options.metrics } : {}),
    ...options.claude,
    tools: toolJsonSchemas(tools).map((tool) => ({
      name: tool.name,
      description: tool.description,
      inputSchema: tool.input_schema,
    })),
    knowledgeText: knowledge.asPromptText(),
    shopName,
    fallback: rules,
    maxHistoryTokens: config.ANTHROPIC_MAX_HISTORY_TOKENS ?? 6000,
    log: options.log.child({ component: 'claude' }),
  })
}
