/**
 * The environment, validated once into one typed object. Every variable is optional: with none set, Layan runs
 * on the embedded database with the offline rule agent and web chat on 127.0.0.1:3000. `.env.example` mirrors
 * this file.
 */
import { z } from 'zod'

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

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1')

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
  SHOP_NAME: z.string().default('UrbanStyle ID'),
  SHOP_TIMEZONE: z.string().default('Asia/Jakarta'),
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
  ANTHROPIC_MODEL: z.string().default('claude-sonnet-4-5'),
  ANTHROPIC_BASE_URL: optionalString,
  ANTHROPIC_MAX_HISTORY_TOKENS: z.coerce.number().int().positive().default(6000),
  BOT_API_TOKEN: optionalString,
  MIDTRANS_SERVER_KEY: optionalString,
  MIDTRANS_PRODUCTION: bool,
  MIDTRANS_BASE_URL: optionalString,
  COURIER_API_KEY: optionalString,
  COURIER_API_URL: z.string().default('https://api.binderbyte.com'),
  COURIER_WEBHOOK_SECRET: optionalString,
  /** Minutes after which stored tracking is refreshed from the courier API. */
  COURIER_REFRESH_MINUTES: z.coerce.number().int().positive().default(30),
  GATEWAY_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
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
})

export type Config = z.infer<typeof configSchema>

/** Parses an environment; throws one readable error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // A variable set to the empty string (as .env.example leaves them) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''))
  const parsed = configSchema.safeParse(set)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return parsed.data
}
