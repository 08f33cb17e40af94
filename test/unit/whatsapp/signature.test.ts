import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isValidWhatsAppSignature, signWhatsAppBody } from '../../../adapters/whatsapp/signature.ts'

const secret = 'app-secret'
const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}')
const hex = createHmac('sha256', secret).update(body).digest('hex')

describe('X-Hub-Signature-256', () => {
  it('accepts the HMAC-SHA256 of exactly these bytes with the app secret, in either hex case', () => {
    expect(signWhatsAppBody(body, secret)).toBe(`sha256=${hex}`)
    expect(isValidWhatsAppSignature(body, `sha256=${hex}`, secret)).toBe(true)
    expect(isValidWhatsAppSignature(body, `sha256=${hex.toUpperCase()}`, secret)).toBe(true)
  })

  it('refuses anything else', () => {
    const refused: (string | string[] | undefined)[] = [
      undefined,
      '',
      hex,
      `sha1=${hex}`,
      `sha256=${hex.slice(0, 63)}`,
      `sha256=${hex}00`,
      `sha256=${'z'.repeat(64)}`,
      [`sha256=${hex}`],
      signWhatsAppBody(body, 'other-secret'),
      signWhatsAppBody(Buffer.concat([body, Buffer.from(' ')]), secret),
    ]
    for (const header of refused) expect(isValidWhatsAppSignature(body, header, secret)).toBe(false)
    expect(isValidWhatsAppSignature(body, `sha256=${hex}`, '')).toBe(false)
  })
})
