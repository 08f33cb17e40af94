/**
 * pino JSON logs with customers' phone numbers, addresses and every token redacted, both in known fields and
 * (for phone numbers) inside free text.
 */
import { type Logger, pino } from 'pino'

export type { Logger }

const redactPaths = [
  '*.phoneNumber',
  '*.phone',
  '*.shippingAddress',
  '*.address',
  '*.newAddress',
  '*.token',
  '*.authorization',
  '*.signature_key',
  '*.server_key',
  '*.apiKey',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-courier-secret"]',
  'phoneNumber',
  'shippingAddress',
  'token',
]

const phonePattern = /(\+?62|0)8\d{6,12}/g

/** Masks Indonesian mobile numbers inside a string: "+6281234567890" → "+62812******90". */
export function maskPhonesInText(text: string): string {
  return text.replace(phonePattern, (m) => `${m.slice(0, m.length - 8)}******${m.slice(-2)}`)
}

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: {
        log(obj) {
          if (typeof obj.msg === 'string') obj.msg = maskPhonesInText(obj.msg)
          return obj
        },
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPhonesInText(a) : a)) as typeof args
          method.apply(this, masked)
        },
      },
    },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  )
}

/** A logger that writes nothing (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' })
}
