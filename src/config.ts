/**
 * The environment, validated once into one typed object. Every variable is optional: with none set, Layan runs
 * on the embedded database with the offline rule agent and web chat on 127.0.0.1:3000. `.env.example` mirrors
 * this file.
 */
import { z } from 'zod'
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
  /** Secret for signing web chat session cookies; generated per start when unset (sessions then end on restart). */
  SESSION_SECRET: optionalString,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Requests a minute one client IP may make to the HTTP server. */
  HTTP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
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
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    const from = file ? ` (settings from the environment and ${file.file})` : ''
    throw new Error(`Invalid configuration${from}:\n${lines.join('\n')}`)
  }
  return parsed.data
}
