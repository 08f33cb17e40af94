import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger, maskPhonesInText } from '../../src/logger.ts'

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
