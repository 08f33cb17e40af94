import { describe, expect, it } from 'vitest'
import { loadConfig, servedOverHttps } from '../../src/config.ts'

describe('loadConfig', () => {
  it('runs with no variables at all: embedded defaults', () => {
    const config = loadConfig({})
    expect(config.HOST).toBe('127.0.0.1')
    expect(config.PORT).toBe(3000)
    expect(config.DATA_DIR).toBe('./.data')
    expect(config.DATABASE_URL).toBeUndefined()
    expect(config.ANTHROPIC_API_KEY).toBeUndefined()
    expect(config.RATE_LIMIT_PER_MINUTE).toBe(20)
    expect(config.ADMIN_TELEGRAM_IDS).toEqual([])
  })

  it('treats empty strings as unset and splits id lists', () => {
    const config = loadConfig({ DATABASE_URL: '', ADMIN_TELEGRAM_IDS: '12, 34,,56', MIDTRANS_PRODUCTION: 'true' })
    expect(config.DATABASE_URL).toBeUndefined()
    expect(config.ADMIN_TELEGRAM_IDS).toEqual(['12', '34', '56'])
    expect(config.MIDTRANS_PRODUCTION).toBe(true)
  })

  it('treats a variable set to the empty string as unset, whatever its type', () => {
    const config = loadConfig({ LOG_LEVEL: '', PORT: '', NODE_ENV: ' ' })
    expect(config.LOG_LEVEL).toBe('info')
    expect(config.PORT).toBe(3000)
    expect(config.NODE_ENV).toBe('development')
  })

  it('reads the WhatsApp settings and refuses malformed ones, naming each', () => {
    const config = loadConfig({
      WHATSAPP_ACCESS_TOKEN: 'EAAG',
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_TEMPLATE_SHIPPING: 'shipping_update:orderNumber,status',
      WHATSAPP_TEMPLATE_HANDOFF_REPLY: 'support_reply:',
      WHATSAPP_TEMPLATE_LANGUAGES: 'id, en_US',
    })
    expect(config.WHATSAPP_API_ROOT).toBe('https://graph.facebook.com')
    expect(config.WHATSAPP_API_VERSION).toBe('v26.0')
    expect(config.WHATSAPP_TEMPLATE_LANGUAGES).toEqual(['id', 'en_US'])
    expect(config.WHATSAPP_TEMPLATE_SHIPPING).toBe('shipping_update:orderNumber,status')
    expect(config.WHATSAPP_TEMPLATE_PAYMENT).toBeUndefined()
    const bad = {
      WHATSAPP_PHONE_NUMBER_ID: '+62 812',
      WHATSAPP_API_ROOT: 'ftp://graph.example',
      WHATSAPP_API_VERSION: '26',
      WHATSAPP_TEMPLATE_PAYMENT: 'Payment Received',
      WHATSAPP_TEMPLATE_LANGUAGES: 'Indonesian',
    }
    let message = ''
    try {
      loadConfig(bad)
    } catch (error) {
      message = (error as Error).message
    }
    for (const key of Object.keys(bad)) expect(message).toContain(key)
  })

  it('names every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/)
  })

  it('SEED_DEMO is true, false, or unset (then the database kind decides)', () => {
    expect(loadConfig({}).SEED_DEMO).toBeUndefined()
    expect(loadConfig({ SEED_DEMO: '' }).SEED_DEMO).toBeUndefined()
    expect(loadConfig({ SEED_DEMO: 'true' }).SEED_DEMO).toBe(true)
    expect(loadConfig({ SEED_DEMO: '1' }).SEED_DEMO).toBe(true)
    expect(loadConfig({ SEED_DEMO: 'false' }).SEED_DEMO).toBe(false)
    expect(() => loadConfig({ SEED_DEMO: 'yes please' })).toThrow(/SEED_DEMO/)
  })

  it('PUBLIC_URL is an http or https address; only https asks browsers for HTTPS', () => {
    expect(servedOverHttps(loadConfig({}))).toBe(false)
    const lan = loadConfig({ PUBLIC_URL: 'http://192.168.1.20:3000/' })
    expect(lan.PUBLIC_URL).toBe('http://192.168.1.20:3000')
    expect(servedOverHttps(lan)).toBe(false)
    const proxied = loadConfig({ PUBLIC_URL: 'https://shop.example.com' })
    expect(servedOverHttps(proxied)).toBe(true)
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://shop.example.com' })).toThrow(/PUBLIC_URL/)
    expect(() => loadConfig({ PUBLIC_URL: 'shop.example.com' })).toThrow(/PUBLIC_URL/)
  })

  it('.env.example lists every variable the schema knows', async () => {
    const { readFileSync } = await import('node:fs')
    const { configSchema } = await import('../../src/config.ts')
    const example = readFileSync('.env.example', 'utf8')
    for (const key of Object.keys(configSchema.shape)) expect(example).toContain(`${key}=`)
  })
})
