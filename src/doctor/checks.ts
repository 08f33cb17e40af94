/**
 * `npm run doctor`: checks a set-up before (or while) the service runs, the way the service itself would meet
 * it, and says what to fix. Each check answers ok, warn, fail or off (a part that is not configured). Checks
 * read the configuration and talk to the outside APIs they are about, and change nothing.
 *
 * - configuration: every variable parses (else nothing else runs);
 * - database: PostgreSQL answers and has every migration; the embedded database's folder can be written;
 * - claude: the key and the model, with the same Models API request the service makes at start, plus the
 *   installed SDK's deprecation list and the model's lifecycle;
 * - telegram (`getMe`), discord (`/users/@me`): the tokens work; webhook settings make sense;
 * - midtrans: a sandbox key with production on, or the reverse;
 * - production: a session secret is set.
 */
import { accessSync, constants, existsSync } from 'node:fs'
import path from 'node:path'
import { classifyFailure, createAnthropicApi } from '../agent/anthropic-api.ts'
import { sdkDeprecation } from '../agent/models.ts'
import type { Config } from '../config.ts'
import { openDatabase } from '../db/client.ts'
import { pendingMigrations } from '../db/pending-migrations.ts'
import { silentLogger } from '../logger.ts'

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'off'

export interface CheckResult {
  name: string
  status: CheckStatus
  detail: string
}

export interface DoctorDeps {
  config: Config
  /** Defaults to the global fetch. */
  fetch?: typeof globalThis.fetch
  /** Per request to an outside API (default 8000 ms). */
  timeoutMs?: number
}

const discordApi = 'https://discord.com/api/v10'

async function database(config: Config): Promise<CheckResult> {
  if (!config.DATABASE_URL) {
    // The embedded database is one process's: opening it beside a running service could damage it.
    const dir = path.resolve(config.DATA_DIR)
    const parent = existsSync(dir) ? dir : path.dirname(dir)
    try {
      accessSync(parent, constants.W_OK)
    } catch {
      return { name: 'database', status: 'fail', detail: `embedded database: ${parent} is not writable` }
    }
    const where = existsSync(dir) ? `in ${dir}` : `created in ${dir} at the first start`
    return { name: 'database', status: 'ok', detail: `embedded database (PGlite) ${where}` }
  }
  let db: Awaited<ReturnType<typeof openDatabase>> | undefined
  try {
    db = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: 1 })
    await db.sql.query('SELECT 1')
    const pending = await pendingMigrations(db.sql.query)
    if (pending.length > 0) {
      return {
        name: 'database',
        status: 'fail',
        detail: `PostgreSQL answers but lacks ${pending.length} migration(s) (${pending.join(', ')}): run npm run db:migrate`,
      }
    }
    return { name: 'database', status: 'ok', detail: 'PostgreSQL answers and has every migration' }
  } catch (error) {
    return { name: 'database', status: 'fail', detail: `PostgreSQL: ${(error as Error).message}` }
  } finally {
    await db?.close().catch(() => undefined)
  }
}

async function claude(deps: DoctorDeps): Promise<CheckResult> {
  const { config } = deps
  if (!config.ANTHROPIC_API_KEY) {
    return { name: 'claude', status: 'off', detail: 'no ANTHROPIC_API_KEY: the offline rule agent answers' }
  }
  const model = config.ANTHROPIC_MODEL
  const eol = sdkDeprecation(model)
  const api = createAnthropicApi({
    apiKey: config.ANTHROPIC_API_KEY,
    baseURL: config.ANTHROPIC_BASE_URL,
    log: silentLogger(),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  })
  try {
    const info = await api.retrieveModel(model, { timeoutMs: deps.timeoutMs ?? 8000 })
    if (info.lifecycle === 'retired') {
      return { name: 'claude', status: 'fail', detail: `${model} is retired: set a current model in ANTHROPIC_MODEL` }
    }
    if (info.lifecycle === 'deprecated' || eol) {
      const until = info.retires_at ?? eol ?? 'soon'
      return {
        name: 'claude',
        status: 'warn',
        detail: `key accepted; ${model} is deprecated (retires ${until}): choose a current model in ANTHROPIC_MODEL`,
      }
    }
    return { name: 'claude', status: 'ok', detail: `key accepted; ${info.display_name || model} (${model}) is active` }
  } catch (error) {
    const failure = classifyFailure(error)
    if (!failure) return { name: 'claude', status: 'fail', detail: String(error) }
    const hint =
      failure.status === 401
        ? 'the API key is refused: check ANTHROPIC_API_KEY'
        : failure.status === 404
          ? `the model ${model} is unknown to this key: check ANTHROPIC_MODEL`
          : failure.status === 403
            ? `this key may not use ${model}`
            : failure.kind === 'retryable'
              ? 'the API could not be reached or is overloaded; try again'
              : 'the request was refused'
    const status = failure.status ? `HTTP ${failure.status} ` : ''
    return { name: 'claude', status: 'fail', detail: `${hint} (${status}${failure.type}: ${failure.message})` }
  }
}

/** Requests `url` as JSON with a timeout; the status and body, or the network error. */
async function getJson(deps: DoctorDeps, url: string, headers: Record<string, string> = {}, method = 'GET') {
  const fetcher = deps.fetch ?? globalThis.fetch
  try {
    const response = await fetcher(url, { method, headers, signal: AbortSignal.timeout(deps.timeoutMs ?? 8000) })
    const body = (await response.json().catch(() => null)) as Record<string, unknown> | null
    return { status: response.status, body }
  } catch (error) {
    return { status: 0, body: null, error: (error as Error).message }
  }
}

async function telegram(deps: DoctorDeps): Promise<CheckResult> {
  const { config } = deps
  if (!config.TELEGRAM_BOT_TOKEN) return { name: 'telegram', status: 'off', detail: 'no TELEGRAM_BOT_TOKEN' }
  const root = config.TELEGRAM_API_ROOT ?? 'https://api.telegram.org'
  const answer = await getJson(deps, `${root}/bot${config.TELEGRAM_BOT_TOKEN}/getMe`, {}, 'POST')
  if (answer.status === 0) return { name: 'telegram', status: 'fail', detail: `Bot API unreachable: ${answer.error}` }
  const result = answer.body?.result as { username?: string } | undefined
  if (answer.status !== 200 || !result) {
    return { name: 'telegram', status: 'fail', detail: `the bot token is refused (HTTP ${answer.status})` }
  }
  const problems: string[] = []
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_URL.startsWith('https://')) {
    problems.push('TELEGRAM_WEBHOOK_URL must be https')
  }
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) problems.push('set TELEGRAM_WEBHOOK_SECRET')
  if (config.ADMIN_TELEGRAM_IDS.length === 0) problems.push('no ADMIN_TELEGRAM_IDS: nobody can use admin commands')
  const mode = config.TELEGRAM_WEBHOOK_URL ? 'webhook' : 'long polling'
  return {
    name: 'telegram',
    status: problems.length > 0 ? 'warn' : 'ok',
    detail: [`@${result.username ?? '?'} (${mode})`, ...problems].join('; '),
  }
}

async function discord(deps: DoctorDeps): Promise<CheckResult> {
  const { config } = deps
  if (!config.DISCORD_TOKEN) return { name: 'discord', status: 'off', detail: 'no DISCORD_TOKEN' }
  if (!config.DISCORD_APP_ID) return { name: 'discord', status: 'fail', detail: 'DISCORD_APP_ID is needed too' }
  const answer = await getJson(deps, `${discordApi}/users/@me`, { authorization: `Bot ${config.DISCORD_TOKEN}` })
  if (answer.status === 0) return { name: 'discord', status: 'fail', detail: `Discord unreachable: ${answer.error}` }
  if (answer.status !== 200) {
    return { name: 'discord', status: 'fail', detail: `the bot token is refused (HTTP ${answer.status})` }
  }
  const warnings = config.DISCORD_ADMIN_ROLE_ID ? [] : ['no DISCORD_ADMIN_ROLE_ID: nobody can use admin commands']
  return {
    name: 'discord',
    status: warnings.length > 0 ? 'warn' : 'ok',
    detail: [`${String(answer.body?.username ?? '?')}`, ...warnings].join('; '),
  }
}

function midtrans(config: Config): CheckResult {
  const key = config.MIDTRANS_SERVER_KEY
  if (!key)
    return { name: 'midtrans', status: 'off', detail: 'no MIDTRANS_SERVER_KEY: payments from the database only' }
  // Sandbox server keys start with "SB-Mid-server-", production ones with "Mid-server-".
  const sandboxKey = key.startsWith('SB-')
  if (sandboxKey && config.MIDTRANS_PRODUCTION) {
    return { name: 'midtrans', status: 'fail', detail: 'a sandbox server key with MIDTRANS_PRODUCTION=true' }
  }
  if (!sandboxKey && !config.MIDTRANS_PRODUCTION && key.startsWith('Mid-server-')) {
    return { name: 'midtrans', status: 'warn', detail: 'a production server key against the sandbox' }
  }
  return { name: 'midtrans', status: 'ok', detail: config.MIDTRANS_PRODUCTION ? 'production' : 'sandbox' }
}

function production(config: Config): CheckResult {
  if (config.NODE_ENV !== 'production') {
    return { name: 'production', status: 'off', detail: `NODE_ENV=${config.NODE_ENV}` }
  }
  if (!config.SESSION_SECRET) {
    return { name: 'production', status: 'warn', detail: 'no SESSION_SECRET: web chat sessions end at every restart' }
  }
  return { name: 'production', status: 'ok', detail: 'session secret set' }
}

/** Runs every check; the order is the order of the report. */
export async function runDoctor(deps: DoctorDeps): Promise<CheckResult[]> {
  const [db, ai, tg, dc] = await Promise.all([database(deps.config), claude(deps), telegram(deps), discord(deps)])
  return [db, ai, tg, dc, midtrans(deps.config), production(deps.config)]
}
