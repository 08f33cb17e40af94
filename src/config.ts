/**
 * The environment, validated once into one typed object. Every variable is optional: with none set, Layan runs
 * on the embedded database with the offline rule agent and web chat on 127.0.0.1:3000. `.env.example` mirrors
 * this file.
 */
import { z } from 'zod'
import { defaultClaudeModel } from './agent/models.ts'
import { loadEnvFile } from './env-file.ts'

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()

const idList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )

/** true / false, or undefined when not set (the caller's default then depends on something else). */
const optionalBool = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'))

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1')

/**
 * A WhatsApp message template: its name, optionally with the fields that fill {{1}}, {{2}}, … in order ("name:"
 * for a template without variables).
 */
const templateSpec = optionalString.refine(
  (v) => v === undefined || /^[a-z0-9_]{1,512}(:([A-Za-z]+(,[A-Za-z]+)*)?)?$/.test(v),
  'must be a template name (a-z, 0-9, _), optionally followed by :field,field (or : alone for none)',
)
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback)

/**
 * TRUST_PROXY: unset or "false", the client address is the connection's (X-Forwarded-For is ignored, so nobody
 * can pick their own address); "true", trust every proxy (only when nothing reaches the server except through
 * the proxy); a number, trust that many hops; or a comma-separated list of proxy addresses and CIDR ranges.
 */
const trustProxy = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx): boolean | number | string[] => {
    if (v === undefined || v === '' || v === 'false' || v === '0') return false
    if (v === 'true') return true
    if (/^\d+$/.test(v)) return Number(v)
    const list = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    const cidr = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+)(?:\/\d{1,3})?$|^(?:loopback|linklocal|uniquelocal)$/i
    const bad = list.filter((entry) => !cidr.test(entry))
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `not an address or CIDR range: ${bad.join(', ')}` })
      return z.NEVER
    }
    return list
  })

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: optionalString,
  /**
   * Put the demo shop into an empty database at start. Unset: yes for the embedded database, no for PostgreSQL.
   * (A database that already has customers is never seeded.)
   */
  SEED_DEMO: optionalBool,
  /**
   * The address people reach this service at, e.g. `https://shop.example.com` (behind a proxy) or
   * `http://192.168.1.20:3000`. Only an https address turns on the HTTPS-only headers (HSTS, the upgrade of
   * insecure requests) and `Secure` cookies, so the web chat also works over plain HTTP on a LAN address.
   */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  SHOP_NAME: z.string().default('UrbanStyle ID'),
  SHOP_TIMEZONE: z.string().default('Asia/Jakarta'),
  /**
   * The shop's knowledge files (FAQ, policies, hours, contacts, bank accounts: `*.md`, see docs/knowledge/).
   * Default `knowledge/` inside DATA_DIR. Several instances point it at the same directory.
   */
  KNOWLEDGE_DIR: optionalString,
  /** How often, at most, the knowledge files are checked for changes (when a message is answered); 0: always. */
  KNOWLEDGE_CHECK_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** Secret for signing web chat session cookies; generated per start when unset (sessions then end on restart). */
  SESSION_SECRET: optionalString,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Requests a minute one client IP may make to the HTTP server. */
  HTTP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Which proxies may name the client's address in X-Forwarded-For (see `trustProxy`). */
  TRUST_PROXY: trustProxy,
  /** Failed verification tries per order number (any sender) before it is locked, and for how long. */
  VERIFY_ORDER_MAX_FAILURES: positiveInt(5),
  VERIFY_ORDER_LOCK_MINUTES: positiveInt(15),
  /** Failed verification tries against one customer's orders before all of them are locked, and for how long. */
  VERIFY_CUSTOMER_MAX_FAILURES: positiveInt(10),
  VERIFY_CUSTOMER_LOCK_MINUTES: positiveInt(1440),
  /** Verification tries (any outcome) one client address may make in the window. */
  VERIFY_ADDRESS_MAX_ATTEMPTS: positiveInt(20),
  VERIFY_ADDRESS_WINDOW_MINUTES: positiveInt(60),
  ANTHROPIC_API_KEY: optionalString,
  /** A current model of the installed SDK's list (not on its deprecated list); see src/agent/models.ts. */
  ANTHROPIC_MODEL: z.string().default(defaultClaudeModel),
  ANTHROPIC_BASE_URL: optionalString,
  ANTHROPIC_MAX_HISTORY_TOKENS: z.coerce.number().int().positive().default(6000),
  /** max_tokens of one answer; a cut answer is asked again once with twice as many. */
  ANTHROPIC_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(64).max(32_000).default(1024),
  /** Everything Claude may take for one customer message (all tool rounds and retries); then the rule agent answers. */
  ANTHROPIC_DEADLINE_MS: z.coerce.number().int().min(1000).default(15_000),
  /** One request to the Messages API, at most (also bounded by what is left of the deadline). */
  ANTHROPIC_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().min(500).default(10_000),
  /** Retries of one request after 429, 5xx, 529, a timeout or a network error (within the deadline). */
  ANTHROPIC_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** A `retry-after` longer than this is not waited for: the rule agent answers at once. */
  ANTHROPIC_RETRY_AFTER_CAP_MS: z.coerce.number().int().min(0).default(5000),
  /** Failed requests in a row (529, 5xx, 429, timeouts, network) that open the circuit breaker. */
  ANTHROPIC_BREAKER_FAILURES: z.coerce.number().int().min(1).default(3),
  /** How long an open breaker sends every message to the rule agent before one request probes again. */
  ANTHROPIC_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Prompt-cache lifetime: 5m (writes cost 1.25× input) or 1h (2×, for shops with long quiet spells). */
  ANTHROPIC_CACHE_TTL: z.enum(['5m', '1h']).default('5m'),
  /** USD per million input tokens of ANTHROPIC_MODEL (cache reads cost 0.1×, writes 1.25× or 2× of it). */
  ANTHROPIC_PRICE_INPUT_PER_MTOK: z.coerce.number().min(0).default(3),
  /** USD per million output tokens of ANTHROPIC_MODEL. */
  ANTHROPIC_PRICE_OUTPUT_PER_MTOK: z.coerce.number().min(0).default(15),
  /** Error reports (Sentry or a compatible service); unset, the SDK is not even loaded. */
  SENTRY_DSN: optionalString,
  /** Environment tag of error reports; default NODE_ENV. */
  SENTRY_ENVIRONMENT: optionalString,
  /** Release tag of error reports; default layan@<package version>. */
  SENTRY_RELEASE: optionalString,
  /** How often the alerts about the bot itself are checked (0: never). */
  ALERT_CHECK_SECONDS: z.coerce.number().int().min(0).default(60),
  /** The window tool failures are counted in. */
  ALERT_WINDOW_MINUTES: positiveInt(10),
  /** Unexpected tool failures in the window that alert staff, when also at least ALERT_TOOL_FAILURE_RATE of calls. */
  ALERT_TOOL_FAILURES: positiveInt(5),
  ALERT_TOOL_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0.2),
  /** Minutes an outside API may fail without a success before staff are alerted. */
  ALERT_GATEWAY_DOWN_MINUTES: positiveInt(5),
  /** Age in minutes of the oldest waiting notification that alerts staff. */
  ALERT_OUTBOX_OLDEST_MINUTES: positiveInt(15),
  /** Bearer token for GET /metrics; unset, only this machine may scrape (without a proxy's forwarding headers). */
  METRICS_TOKEN: optionalString,
  /** How long a stop signal waits for messages and requests in flight before the process exits. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(8000),
  /** Where backups go; default `backups/` beside DATA_DIR (never inside it). Any path: another disk is best. */
  BACKUP_DIR: optionalString,
  /** Hours between scheduled backups of the embedded database while the server runs; unset: none. */
  BACKUP_EVERY_HOURS: z.coerce.number().positive().optional(),
  /** Backups kept (older ones are removed after each new one). */
  BACKUP_KEEP: positiveInt(14),
  /** Encrypts backups (AES-256-GCM, key derived with scrypt); the same key is needed to restore them. */
  BACKUP_ENCRYPTION_KEY: optionalString.refine(
    (v) => v === undefined || v.length >= 16,
    'must be at least 16 characters',
  ),
  BOT_API_TOKEN: optionalString,
  /** Bearer token of the shop API (/api/shop/*), how the shop's own system pushes its data; never BOT_API_TOKEN. */
  SHOP_API_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  /** WooCommerce: the shop's address (https), REST API keys (read access) and the webhooks' secret. */
  WOOCOMMERCE_URL: z
    .url({ protocol: /^https?$/, error: 'must be the shop address, e.g. https://toko.example.com' })
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  WOOCOMMERCE_CONSUMER_KEY: optionalString,
  WOOCOMMERCE_CONSUMER_SECRET: optionalString,
  WOOCOMMERCE_WEBHOOK_SECRET: optionalString,
  /** Shopify: the shop's myshopify.com domain, and either a Dev Dashboard app's client id and secret or a legacy token. */
  SHOPIFY_SHOP: optionalString.refine(
    (v) => v === undefined || /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(v),
    'must be the shop domain, e.g. urbanstyle.myshopify.com',
  ),
  SHOPIFY_CLIENT_ID: optionalString,
  SHOPIFY_CLIENT_SECRET: optionalString,
  SHOPIFY_ACCESS_TOKEN: optionalString,
  /** Signs Shopify's webhooks; default SHOPIFY_CLIENT_SECRET (a legacy app shows its own in the admin). */
  SHOPIFY_WEBHOOK_SECRET: optionalString,
  SHOPIFY_API_VERSION: z
    .string()
    .regex(/^\d{4}-(01|04|07|10)$/, 'must be a Shopify API version such as 2026-10')
    .default('2026-10'),
  /** Minutes between reconcile passes that heal missed webhooks (WooCommerce, Shopify). */
  SHOP_RECONCILE_MINUTES: positiveInt(15),
  /** Timeout of one request to WooCommerce or Shopify. */
  SHOP_PLATFORM_TIMEOUT_MS: positiveInt(15_000),
  MIDTRANS_SERVER_KEY: optionalString,
  MIDTRANS_PRODUCTION: bool,
  MIDTRANS_BASE_URL: optionalString,
  /** Snap's own API root for payment links (default: the sandbox or production Snap root). */
  MIDTRANS_SNAP_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Payment methods a payment link offers (Midtrans codes, comma-separated). */
  MIDTRANS_ENABLED_PAYMENTS: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, 'must be Midtrans payment codes such as other_qris,gopay,bca_va')
    .default('other_qris,gopay,shopeepay,bca_va,bni_va,bri_va,permata_va,echannel'),
  /** Longest life of a payment link in minutes (never beyond the payment's own deadline). */
  PAYMENT_LINK_EXPIRY_MINUTES: z.coerce.number().int().min(5).max(10_080).default(1440),
  /** Hours a cash-on-delivery order may stay unconfirmed by the customer before staff are alerted (once). */
  COD_CONFIRM_ALERT_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /**
   * Returns and exchanges: the policy the tools enforce and the FAQ's return answer states (defaults in
   * src/services/return-policy.ts; left unset, the FAQ answer is written only where the shop's knowledge has one).
   */
  RETURN_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).optional(),
  RETURN_EXCHANGES: optionalBool,
  RETURN_SHIPPING_PAID_BY: z.enum(['customer', 'shop', 'customer_unless_faulty']).optional(),
  RETURN_ADDRESS: optionalString,
  RETURN_PARCEL_DAYS: z.coerce.number().int().min(1).max(60).optional(),
  /** Largest photo a customer may send with a return request, in bytes (Telegram and the web chat's upload). */
  RETURN_PHOTO_MAX_BYTES: z.coerce.number().int().min(10_000).max(20_000_000).default(5_000_000),
  COURIER_API_KEY: optionalString,
  COURIER_API_URL: z.string().default('https://api.binderbyte.com'),
  COURIER_WEBHOOK_SECRET: optionalString,
  /** Minutes after which stored tracking is refreshed from the courier API. */
  COURIER_REFRESH_MINUTES: z.coerce.number().int().positive().default(30),
  GATEWAY_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
  /** Biteship's rates API for shipping quotes; without a key, offline estimates by zone and weight answer. */
  BITESHIP_API_KEY: optionalString,
  BITESHIP_API_ROOT: z.url({ protocol: /^https?$/ }).default('https://api.biteship.com'),
  /** Biteship courier codes the quotes ask for, comma-separated. */
  BITESHIP_COURIERS: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, 'must be courier codes such as jne,sicepat,jnt,anteraja')
    .default('jne,sicepat,jnt,anteraja'),
  /** Where parcels leave from: a postal code, or a Biteship area id (which wins when set). */
  SHIPPING_ORIGIN_POSTAL_CODE: z
    .string()
    .regex(/^\d{5}$/, 'must be a 5-digit postal code')
    .default('10110'),
  SHIPPING_ORIGIN_AREA_ID: optionalString,
  /** Goods worth more than this (Rupiah) ship free; the FAQ states the same rule. */
  SHIPPING_FREE_OVER: z.coerce.number().int().min(0).default(300_000),
  /** How long a quote is reused for the same destination and weight. */
  SHIPPING_QUOTE_CACHE_SECONDS: z.coerce.number().int().min(0).default(600),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_URL: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_API_ROOT: optionalString,
  ADMIN_TELEGRAM_IDS: idList,
  ADMIN_TELEGRAM_CHAT_ID: optionalString,
  DISCORD_TOKEN: optionalString,
  DISCORD_APP_ID: optionalString,
  DISCORD_GUILD_ID: optionalString,
  DISCORD_SUPPORT_CHANNEL_IDS: idList,
  DISCORD_STAFF_CHANNEL_ID: optionalString,
  DISCORD_ADMIN_ROLE_ID: optionalString,
  /** WhatsApp Business Cloud API: the channel starts when the access token and phone number id are set. */
  WHATSAPP_ACCESS_TOKEN: optionalString,
  WHATSAPP_PHONE_NUMBER_ID: optionalString.refine((v) => v === undefined || /^\d{1,32}$/.test(v), 'must be digits'),
  /** Signs every webhook POST (X-Hub-Signature-256); without it every POST is refused. */
  WHATSAPP_APP_SECRET: optionalString,
  /** Answers Meta's GET handshake when the webhook is registered. */
  WHATSAPP_VERIFY_TOKEN: optionalString,
  WHATSAPP_API_ROOT: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com'),
  WHATSAPP_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v26.0')
    .default('v26.0'),
  /** Language codes the message templates are approved in; the first is used unless the customer's fits better. */
  WHATSAPP_TEMPLATE_LANGUAGES: idList.refine(
    (codes) => codes.every((code) => /^[a-z]{2,3}(_[A-Z]{2})?$/.test(code)),
    'must be language codes such as id, en or en_US',
  ),
  /** Templates for proactive messages outside the 24-hour window: `name` or `name:field,field`. */
  WHATSAPP_TEMPLATE_PAYMENT: templateSpec,
  WHATSAPP_TEMPLATE_SHIPPING: templateSpec,
  WHATSAPP_TEMPLATE_HANDOFF_REPLY: templateSpec,
  /** The first console owner, created at start when no account has this email (`npm run console:user` adds more). */
  CONSOLE_OWNER_EMAIL: optionalString.refine(
    (v) => v === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    'must be an email address',
  ),
  CONSOLE_OWNER_PASSWORD: optionalString.refine(
    (v) => v === undefined || v.length >= 10,
    'must be at least 10 characters',
  ),
  /** A console session ends after this many hours without use. */
  CONSOLE_SESSION_HOURS: positiveInt(12),
  /** Wrong passwords in a row that lock a console account, and for how long. */
  CONSOLE_LOGIN_MAX_FAILURES: positiveInt(5),
  CONSOLE_LOGIN_LOCK_MINUTES: positiveInt(15),
  /** Console sign-in attempts a minute from one client address. */
  CONSOLE_LOGIN_RATE_PER_MINUTE: positiveInt(10),
  /** A hand-off no person took or answered goes back to the bot after this many minutes (0: never). */
  HANDOFF_WAIT_TIMEOUT_MINUTES: z.coerce.number().int().min(0).default(30),
})

export type Config = z.infer<typeof configSchema>

/** True when PUBLIC_URL is an https address: only then may the service ask browsers for HTTPS. */
export function servedOverHttps(config: Pick<Config, 'PUBLIC_URL'>): boolean {
  return config.PUBLIC_URL?.startsWith('https://') ?? false
}

/**
 * Parses an environment; throws one readable error listing every bad variable. Without an argument it reads the
 * process environment, after loading `./.env` under it (the real environment wins; see env-file.ts).
 */
export function loadConfig(given?: Record<string, string | undefined>): Config {
  const file = given ? null : loadEnvFile()
  const env = given ?? process.env
  // A variable set to the empty string (as .env.example leaves them) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''))
  const parsed = configSchema.safeParse(set)
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
  // The shop's system and the bot's callers are different parties: one token must never open both doors.
  if (parsed.success && parsed.data.SHOP_API_TOKEN && parsed.data.SHOP_API_TOKEN === parsed.data.BOT_API_TOKEN) {
    issues.push({ path: 'SHOP_API_TOKEN', message: 'must differ from BOT_API_TOKEN (each door has its own token)' })
  }
  if (!parsed.success || issues.length > 0) {
    const lines = issues.map((i) => `  ${i.path}: ${i.message}`)
    const from = file ? ` (settings from the environment and ${file.file})` : ''
    throw new Error(`Invalid configuration${from}:\n${lines.join('\n')}`)
  }
  return parsed.data
}
