/**
 * Paying from the web chat in a real browser against the whole process (`npm start` with a fresh demo shop): Adi
 * verifies, asks for the payment link of the unpaid ORD-2025-002, opens the demo payment page from the link button,
 * pays, and the chat then shows the "paid" notice by itself; verify_payment then says paid. A phone-size screenshot
 * goes to test/artifacts/web-chat-payment-phone.png.
 */
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser.ts'
import { chromiumAvailable } from '../helpers/capabilities.ts'
import { freePort, type ServerProcess, startServer } from '../helpers/processes.ts'

let base = ''
const botMessages = '.msg--bot:not(.msg--typing)'
let app: ServerProcess | undefined
let browser: Browser

/** Sends a message and waits for the bot's answer to it. */
async function say(page: Page, text: string): Promise<string> {
  const before = await page.locator(botMessages).count()
  await page.fill('#input', text)
  await page.press('#input', 'Enter')
  await page.waitForFunction(([selector, n]) => document.querySelectorAll(selector as string).length > (n as number), [
    botMessages,
    before,
  ] as const)
  await page.waitForSelector('.msg--typing', { state: 'detached' })
  return (await page.locator(botMessages).last().innerText()).trim()
}

// Without Chromium the global setup names this suite as not run (and fails the run under CI).
describe.runIf(chromiumAvailable)('paying from the web chat in Chromium', () => {
  beforeAll(async () => {
    // The payment link is built from PUBLIC_URL, so the port is chosen first.
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    app = await startServer({ LOG_LEVEL: 'warn', PORT: String(port), PUBLIC_URL: base }, ['--fresh'])
    await app.ready(110_000)
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('asks for the link of ORD-2025-002, pays on the demo page, and the chat shows "paid"', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const chat = await context.newPage()
    await chat.goto(base)
    await chat.waitForSelector('.msg--bot')

    const before = await chat.locator(botMessages).count()
    await chat.fill('#verify-form input[name=order]', 'ORD-2025-001')
    await chat.fill('#verify-form input[name=last4]', '7890')
    await chat.click('#verify-form button')
    await chat.waitForFunction(
      ([selector, n]) => document.querySelectorAll(selector as string).length > (n as number),
      [botMessages, before] as const,
    )
    await chat.waitForSelector('#verify-notice', { state: 'hidden' })

    const answer = await say(chat, 'kirim link bayar ORD-2025-002 dong')
    expect(answer).toContain('ORD-2025-002')
    expect(answer).toContain('Rp264.000')
    expect(answer).toMatch(/Berlaku sampai .+ WIB/)
    const link = chat.locator(botMessages).last().locator('.msg__buttons a')
    await expect.poll(() => link.count()).toBe(1)
    const href = (await link.getAttribute('href')) ?? ''
    expect(href.startsWith(`${base}/pay/demo/`)).toBe(true)
    expect(answer).toContain(href)

    // The link button opens the demo payment page in a new tab.
    const [payPage] = await Promise.all([context.waitForEvent('page'), link.click()])
    await payPage.waitForSelector('#pay')
    expect(await payPage.textContent('body')).toContain('Rp264.000')
    await payPage.click('#pay')
    await payPage.waitForSelector('#status')
    expect(await payPage.textContent('#status')).toContain('ORD-2025-002')
    await payPage.close()

    // The settlement reaches the chat through the outbox and the live stream, without the customer asking, as the
    // shop's message (not labelled as a staff member's).
    const paidNotice = chat.locator('.msg--bot', { hasText: 'Pembayaran pesanan ORD-2025-002 sebesar Rp264.000' })
    await paidNotice.waitFor({ timeout: 30_000 })
    expect(await paidNotice.count()).toBe(1)

    const status = await say(chat, 'Apakah ORD-2025-002 sudah dibayar?')
    expect(status).toContain('Pembayaran Berhasil')
    expect(status).not.toContain('Bayar sebelum')
    // Asking for a link again: the order is paid, so none is given.
    expect(await say(chat, 'link pembayaran ORD-2025-002')).toContain('sudah dibayar')

    mkdirSync('test/artifacts', { recursive: true })
    await chat.screenshot({ path: 'test/artifacts/web-chat-payment-phone.png', fullPage: true })
    await context.close()
  }, 120_000)
})
