/**
 * The web chat in a real browser against the whole process (`npm start` with a fresh in-memory demo shop):
 * the seed document's three test flows, verification as Adi, and cancelling ORD-2025-002 with the button. The
 * server and the browser are shared; every test opens its own page (its own chat session), so each runs alone
 * and in any order.
 */
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser.ts'
import { chromiumAvailable } from '../helpers/capabilities.ts'
import { type ServerProcess, startServer } from '../helpers/processes.ts'

let base = ''
let app: ServerProcess | undefined
let browser: Browser
let page: Page

/** Verifies the page's session as the demo customer Adi through the form; the prompt disappears. */
async function verifyAsAdi(): Promise<string> {
  const before = await page.locator('.msg--bot:not(.msg--typing)').count()
  await page.fill('#verify-form input[name=order]', 'ORD-2025-001')
  await page.fill('#verify-form input[name=last4]', '7890')
  await page.click('#verify-form button')
  await page.waitForFunction((n) => document.querySelectorAll('.msg--bot:not(.msg--typing)').length > n, before)
  await page.waitForSelector('#verify-notice', { state: 'hidden' })
  return page.locator('.msg--bot').last().innerText()
}

/** Sends a message and waits for the bot's answer to it. */
async function say(text: string): Promise<string> {
  const before = await page.locator('.msg--bot:not(.msg--typing)').count()
  await page.fill('#input', text)
  await page.press('#input', 'Enter')
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('.msg--bot:not(.msg--typing)').length > n && !document.querySelector('.msg--typing'),
    before,
  )
  return (await page.locator('.msg--bot:not(.msg--typing)').last().innerText()).trim()
}

// Without Chromium the global setup names this suite as not run (and fails the run under CI).
describe.runIf(chromiumAvailable)('web chat in Chromium', () => {
  beforeAll(async () => {
    app = await startServer({ LOG_LEVEL: 'warn' }, ['--fresh'])
    await app.ready(110_000)
    base = app.base
    browser = await launchChromium()
  }, 120_000)

  // A new browser context per test: a new cookie, so a new chat session that nobody has verified yet.
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await page.goto(base)
    await page.waitForSelector('.msg--bot')
  })

  afterEach(async () => {
    await page?.context().close()
  })

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('shows the shop, Indonesian UI, chips and the verification prompt', async () => {
    expect(await page.textContent('#shop-name')).toBe('UrbanStyle ID')
    expect(await page.getAttribute('#input', 'placeholder')).toBe('Tulis pesan…')
    expect(await page.locator('#chips button').count()).toBeGreaterThan(2)
    expect(await page.isVisible('#verify-notice')).toBe(true)
  })

  it('test flow 3: stock without verification', async () => {
    const answer = await say('Apakah Kaos Basic Crewneck ukuran M masih ada?')
    expect(answer).toContain('Kaos Basic Crewneck')
    expect(answer).toContain('Tersedia')
    expect(answer).toContain('15')
  })

  it('order data needs verification first', async () => {
    const answer = await say('Mana pesanan saya ORD-2025-001?')
    expect(answer.toLowerCase()).toContain('verifikasi')
    expect(answer).not.toContain('JNE123456789')
  })

  it('verifies as Adi through the form, and the prompt disappears', async () => {
    expect(await verifyAsAdi()).toMatch(/Adi/)
    expect(await page.isVisible('#verify-notice')).toBe(false)
  })

  it('test flow 1: tracking ORD-2025-001', async () => {
    await verifyAsAdi()
    const answer = await say('Mana pesanan saya ORD-2025-001?')
    for (const part of ['JNE123456789', 'Dalam Perjalanan', 'Jakarta', '26 November 2025'])
      expect(answer).toContain(part)
  })

  it('test flow 2: payment of ORD-2025-001', async () => {
    await verifyAsAdi()
    const answer = await say('Apakah ORD-2025-001 sudah terbayar?')
    for (const part of ['Pembayaran Berhasil', 'Transfer Bank', 'Rp150.000', '20 November 2025'])
      expect(answer).toContain(part)
  })

  it('cancels ORD-2025-002 with the confirm button', async () => {
    await verifyAsAdi()
    await say('Batalkan pesanan ORD-2025-002')
    const confirm = page.locator('.msg--bot').last().locator('button.confirm')
    await expect.poll(() => confirm.count()).toBe(1)
    const before = await page.locator('.msg--bot:not(.msg--typing)').count()
    await confirm.click()
    await page.waitForFunction((n) => document.querySelectorAll('.msg--bot:not(.msg--typing)').length > n, before)
    const answer = await page.locator('.msg--bot').last().innerText()
    expect(answer).toContain('ORD-2025-002')
    expect(answer.toLowerCase()).toContain('dibatalkan')
    expect(await say('status pesanan ORD-2025-002 gimana?')).toContain('Dibatalkan')

    mkdirSync('test/artifacts', { recursive: true })
    await page.screenshot({ path: 'test/artifacts/web-chat.png', fullPage: true })
  })

  it('switches the interface to English', async () => {
    await page.click('#lang-toggle')
    expect(await page.getAttribute('#input', 'placeholder')).toBe('Type a message…')
    expect(await page.textContent('#send')).toBe('Send')
  })

  it('refuses a message over 4,000 characters with a clear error', async () => {
    const res = await page.evaluate(async () => {
      const r = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'a'.repeat(4001) }),
      })
      return { status: r.status, body: await r.json() }
    })
    expect(res.status).toBe(400)
    expect(res.body.success).toBe(false)
    expect(JSON.stringify(res.body.error)).toMatch(/4[.,]000/)
  })
})
