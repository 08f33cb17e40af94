/**
 * The web chat in Chromium at phone size against the whole process (`npm start`, fresh demo shop, no staff
 * channel): answers in the language of each message and of the page, no trap after messages it does not
 * understand (a button to reach a person, and an honest answer when no staff can reply), and the conversation
 * kept across a reload, with quick questions that stay on screen and a verify panel that folds away.
 * Screenshots go to SCREENSHOT_DIR when it is set.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable, chromiumPath } from '../helpers/capabilities.ts'
import { type ServerProcess, startServer } from '../helpers/processes.ts'

let base = ''
const shots = process.env.SCREENSHOT_DIR
let app: ServerProcess | undefined
let browser: Browser

const botBubbles = '.msg--bot:not(.msg--typing)'

/** Sends a message and waits for the bot's answer to it (the last bot bubble). */
async function say(page: Page, text: string): Promise<string> {
  const before = await page.locator(botBubbles).count()
  await page.fill('#input', text)
  await page.press('#input', 'Enter')
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('.msg--bot:not(.msg--typing)').length > n && !document.querySelector('.msg--typing'),
    before,
  )
  return (await page.locator(botBubbles).last().textContent())?.trim() ?? ''
}

async function snap(page: Page, name: string): Promise<void> {
  if (!shots) return
  mkdirSync(shots, { recursive: true })
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false })
}

/** A new visitor: its own cookies and storage, phone-sized. */
async function visitor(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })
  const page = await context.newPage()
  await page.goto(base)
  await page.waitForSelector('.msg--bot')
  return { context, page }
}

describe.runIf(chromiumAvailable)('web chat for customers in Chromium (phone size)', () => {
  beforeAll(async () => {
    // A free port of its own and the server's own readiness, however busy the machine is.
    app = await startServer({ LOG_LEVEL: 'warn' }, ['--fresh'])
    await app.ready(110_000)
    base = app.base
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('answers in the language of each message, and the page switch re-renders its welcome', async () => {
    const { context, page } = await visitor()
    const welcome = page.locator('.msg--bot').first()
    expect(await welcome.textContent()).toContain('Saya asisten')
    await page.click('#lang-toggle')
    expect(await welcome.textContent()).toContain('I am the UrbanStyle ID assistant')
    expect(await page.locator('#chips button').first().textContent()).toBe('Track my order')

    expect(await say(page, 'Hello')).toContain('Welcome to UrbanStyle ID')
    expect(await say(page, 'Track ORD-2025-004')).toMatch(/verify/i)
    // A neutral message keeps the conversation's language; an Indonesian one is answered in Indonesian.
    expect(await say(page, 'ok')).toContain('Got it')
    expect(await say(page, 'stok kaos ukuran M ada?')).toContain('Ukuran M')
    await snap(page, 'language-en')

    await page.click('#lang-toggle')
    expect(await welcome.textContent()).toContain('Saya asisten')
    await context.close()
  }, 60_000)

  it('never traps: help and a person button for gibberish, stock still answered, honest when no staff can reply', async () => {
    const { context, page } = await visitor()
    expect(await say(page, 'jkhsdf')).toContain('belum mengerti')
    expect(await say(page, 'qqq www')).toContain('belum mengerti')
    const button = page.locator('.msg--bot').last().locator('button', { hasText: 'Bicara dengan CS' })
    expect(await button.count()).toBe(1)
    expect(await say(page, 'stok kaos ukuran M ada?')).toContain('15 unit')
    await snap(page, 'no-trap-offer')

    const before = await page.locator(botBubbles).count()
    await page.locator('.msg__buttons button', { hasText: 'Bicara dengan CS' }).last().click()
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('.msg--bot:not(.msg--typing)').length > n && !document.querySelector('.msg--typing'),
      before,
    )
    const answers = (await page.locator(botBubbles).allTextContents()).slice(before).join('\n')
    expect(answers).toContain('belum ada staf')
    expect(answers).toContain('cs@urbanstyle.id')
    // No hand-off was opened: the bot still answers.
    expect(await say(page, 'stok kaos ukuran L ada?')).toContain('20 unit')
    await snap(page, 'no-trap-no-staff')
    await context.close()
  }, 60_000)

  it('keeps the conversation across a reload; chips stay on screen; the verify panel folds; no working credentials as placeholders', async () => {
    const { context, page } = await visitor()
    await say(page, 'halo')
    await say(page, 'metode pembayaran apa saja?')
    const shownBefore = await page.locator('.msg').count()

    await page.reload()
    await page.waitForFunction((n) => document.querySelectorAll('.msg').length >= n, shownBefore)
    const texts = await page.locator('.msg').allTextContents()
    expect(texts.some((t) => t.includes('metode pembayaran apa saja?'))).toBe(true)
    expect(texts.some((t) => t.includes('GoPay'))).toBe(true)
    expect(await page.locator('.msg--me').count()).toBe(2)

    const history = await page.request.get(`${base}/api/chat/history`)
    const body = (await history.json()) as { replies: { role: string }[] }
    expect(body.replies.map((r) => r.role)).toEqual(['user', 'assistant', 'user', 'assistant'])

    const width = 390
    for (const box of await page
      .locator('#chips button')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as { left: number; right: number }))) {
      expect(box.left).toBeGreaterThanOrEqual(0)
      expect(box.right).toBeLessThanOrEqual(width)
    }

    expect(await page.getAttribute('#verify-order', 'placeholder')).not.toMatch(/ORD-\d{4}-\d{3}/)
    expect(await page.getAttribute('#verify-last4', 'placeholder')).not.toMatch(/^\d{4}$/)
    await snap(page, 'history-verify-open')
    expect(await page.isVisible('#verify-form')).toBe(true)
    await page.click('#verify-notice summary')
    expect(await page.isVisible('#verify-form')).toBe(false)
    await snap(page, 'history-verify-folded')
    await context.close()
  }, 60_000)
})
