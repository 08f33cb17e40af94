import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger, maskLogLine, maskPhonesInText } from '../../src/logger.ts'

function capture() {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk))
      done()
    },
  })
  return { lines, log: createLogger({ level: 'info', destination }) }
}

describe('logger redaction', () => {
  it('redacts phone numbers, addresses and tokens in fields', () => {
    const { lines, log } = capture()
    log.info(
      {
        customer: { phoneNumber: '+6281234567890', shippingAddress: 'Jl. Merdeka No. 123' },
        auth: { token: 'secret-token' },
      },
      'linked',
    )
    const out = lines.join('')
    expect(out).not.toContain('6281234567890')
    expect(out).not.toContain('Jl. Merdeka')
    expect(out).not.toContain('secret-token')
    expect(out).toContain('[redacted]')
  })

  it('masks phone numbers inside messages', () => {
    const { lines, log } = capture()
    log.info('customer 081234567890 verified')
    expect(lines.join('')).not.toContain('081234567890')
    expect(maskPhonesInText('call +6281234567890 now')).toBe('call +62812******90 now')
  })
})

describe('masking of whole log lines', () => {
  it('masks personal data wherever it sits: message, any field, nested errors', () => {
    const { lines, log } = capture()
    const error = new Error('customer rina@example.co.id at Jl. Merdeka No. 5 called 0812-3456-7890')
    log.warn(
      { err: error, note: { text: 'kirim ke Gg. Mawar 7, RT 03/RW 04 ya', mail: 'adi@example.com' } },
      'hand-off from +62 813 5551 2345',
    )
    const out = lines.join('')
    for (const leak of ['rina@', 'adi@', 'Merdeka', 'Mawar', '3456-7890', '5551 2345', 'RT 03']) {
      expect(out).not.toContain(leak)
    }
    expect(out).toContain('r***@example.co.id')
    expect(out).toContain('[address]')
    expect(() => JSON.parse(out)).not.toThrow()
  })

  it('masks secrets: bot tokens in URLs, Authorization values, query string values', () => {
    const line = maskLogLine(
      'GET https://api.telegram.org/bot7312345678:AAH_abcdefghijklmnopqrstuvwxyz0123/getUpdates ' +
        'Authorization: Bearer abcdefghijklmnop1234 /v1/track?api_key=k3y&courier=jne&awb=JNE123',
    )
    expect(line).toBe(
      'GET https://api.telegram.org/bot[token]/getUpdates Authorization: Bearer [redacted] ' +
        '/v1/track?api_key=[redacted]&courier=[redacted]&awb=[redacted]',
    )
  })

  it('leaves ordinary text alone: product names, order numbers, timestamps, amounts', () => {
    const text = 'Kaos Basic Crewneck (M) ORD-2025-001 Rp264.000 at 2025-11-20T08:30:00.000Z, 1796644439866 ms'
    expect(maskLogLine(text)).toBe(text)
  })

  it('leaves a UUID whole, even one whose middle reads like a phone number', () => {
    const line = '{"conversationId":"1bbe0eb8-3f08-4245-8536-04d04ec9f630","from":"0812-3456-7890"}'
    expect(maskLogLine(line)).toBe('{"conversationId":"1bbe0eb8-3f08-4245-8536-04d04ec9f630","from":"0812******90"}')
  })

  it('never masks the fraction of a number, so a response time stays valid JSON', () => {
    const line = '{"res":{"statusCode":200},"responseTime":57.08824901234579,"msg":"request completed"}'
    expect(maskLogLine(line)).toBe(line)
    expect(() => JSON.parse(maskLogLine(line))).not.toThrow()
  })
})
