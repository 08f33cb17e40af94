/**
 * pino JSON logs that never carry a customer's personal data or a secret. Known fields are redacted by path;
 * then every finished line is masked as text, whatever field or nested error the data hid in: Indonesian mobile
 * numbers, e-mail addresses, street addresses (from the words addresses start with: "Jl.", "Gg.", "Perum", "RT
 * 01"…), Telegram bot tokens, Authorization values and the values of URL query strings ("?api_key=…").
 * `routeConsoleToLogger` sends what libraries print with console.* through the same masking.
 */
import { format } from 'node:util'
import { type Logger, pino } from 'pino'

export type { Logger }

const redactPaths = [
  '*.phoneNumber',
  '*.phone',
  '*.shippingAddress',
  '*.address',
  '*.newAddress',
  '*.email',
  '*.token',
  '*.authorization',
  '*.signature_key',
  '*.server_key',
  '*.apiKey',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-courier-secret"]',
  'res.headers["set-cookie"]',
  'phoneNumber',
  'shippingAddress',
  'email',
  'token',
]

// 0812…, +62812…, 62812…, also written with spaces or dashes ("0812-3456-7890"); never the fraction of a
// number ("responseTime":57.0881234567), which would break the JSON line.
const phonePattern = /(?<![\d.])(?:\+?62|0)[\s-]?8(?:[\s-]?\d){7,12}(?!\d)/
// A UUID (conversation, trace and message ids) can hold "08-4245-8536-04" between its dashes; it is matched
// first and left whole, so an id in a log line still finds its conversation.
const uuidOrPhonePattern = new RegExp(
  `([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|${phonePattern.source}`,
  'gi',
)
const emailPattern = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g
// From a word that starts an Indonesian address to the end of the JSON string (or line) it is in.
const addressPattern =
  /\b(?:Jl|Jln|Jalan|Gg|Gang|Komp|Komplek|Kompleks|Perum|Perumahan|Blok|Kav|Kavling|Apartemen|Ruko|Dusun|Desa|Kel|Kelurahan|Kec|Kecamatan|RT|RW)\b\.?\s*[\p{L}\p{N}][^"\\\n]*(?:\\.[^"\\\n]*)*/giu
const botTokenPattern = /\d{6,12}:[A-Za-z0-9_-]{30,}/g
// Long enough to be a credential, so "Kaos Basic Crewneck" stays readable.
const authPattern = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{16,}/g
const queryValuePattern = /([?&][A-Za-z0-9_.~%[\]-]+=)[^&#"\s\\]+/g

/** Masks Indonesian mobile numbers inside a string: "+6281234567890" → "+62812******90". */
export function maskPhonesInText(text: string): string {
  return text.replace(uuidOrPhonePattern, (m, uuid: string | undefined) => {
    if (uuid) return uuid
    const digits = m.replace(/[\s-]/g, '')
    return `${digits.slice(0, digits.length - 8)}******${digits.slice(-2)}`
  })
}

/** Masks phone numbers, e-mail addresses and street addresses in free text. */
export function maskPersonalData(text: string): string {
  return maskPhonesInText(text).replace(emailPattern, '$1***@$2').replace(addressPattern, '[address]')
}

/** Masks bot tokens, Authorization values and URL query values in free text. */
export function maskSecrets(text: string): string {
  return text
    .replace(botTokenPattern, '[token]')
    .replace(authPattern, '$1 [redacted]')
    .replace(queryValuePattern, '$1[redacted]')
}

/** One finished log line, masked. The replacements hold no quotes or backslashes, so JSON stays JSON. */
export function maskLogLine(line: string): string {
  return maskSecrets(maskPersonalData(line))
}

/** A destination that masks each line before it is written. */
function maskingDestination(destination: NodeJS.WritableStream): pino.DestinationStream {
  return { write: (line: string) => destination.write(maskLogLine(line)) }
}

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: redactPaths, censor: '[redacted]' },
    },
    maskingDestination(options.destination ?? process.stderr),
  )
}

/** A logger that writes nothing (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' })
}

/**
 * Sends console.* and uncaught errors through `log` (so through its masking): libraries print errors with the
 * request URL, which for Telegram holds the bot token. Only the composition root calls this.
 */
export function routeConsoleToLogger(log: Logger): { beforeFatalExit(hook: (error: unknown) => Promise<void>): void } {
  // Runs (at most 2 s) before the process ends on an unhandled error: the error reports are sent first.
  let beforeExit: ((error: unknown) => Promise<void>) | null = null
  const end = (error: unknown) => {
    if (!beforeExit) process.exit(1)
    const limit = new Promise((resolve) => setTimeout(resolve, 2000).unref())
    void Promise.race([beforeExit(error).catch(() => undefined), limit]).finally(() => process.exit(1))
  }
  const line = (args: unknown[]) => format(...args)
  console.error = (...args: unknown[]) => log.error(line(args))
  console.warn = (...args: unknown[]) => log.warn(line(args))
  console.info = (...args: unknown[]) => log.info(line(args))
  console.log = (...args: unknown[]) => log.info(line(args))
  console.debug = (...args: unknown[]) => log.debug(line(args))
  // Both end the process, as Node.js would on its own, but with the error in the log rather than raw on stderr.
  process.on('unhandledRejection', (reason) => {
    log.fatal({ err: reason }, 'unhandled promise rejection')
    end(reason)
  })
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception')
    end(error)
  })
  return {
    beforeFatalExit(hook) {
      beforeExit = hook
    },
  }
}
