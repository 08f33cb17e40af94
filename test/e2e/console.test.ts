/**
 * The console in a real browser against the whole process (`--fresh` demo shop, the owner from the settings): a
 * web chat customer asks for a person; staff sign in, answer from the inbox and the customer's open page shows
 * the answer live, and once (the page also polls the history, where it is stored too); staff close, the customer rates 5 with the button and the rating shows in the console; every chart
 * is drawn; a stock count is changed. Screenshots at desktop and phone sizes go to test/artifacts/console/.
 */
import { mkdirSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser.ts'
import { chromiumAvailable } from '../helpers/capabilities.ts'
import { type ServerProcess, startServer } from '../helpers/processes.ts'

let base = ''
const artifacts = 'test/artifacts/console'
const owner = { email: 'owner@urbanstyle.test', password: 'rahasia-toko-2026' }
const desktop = { width: 1366, height: 900 }
const phone = { width: 390, height: 844 }
const staffAnswer = 'Halo kak, saya Rina dari tim CS. Paketnya sudah saya cek, besok sampai ya.'
let app: ServerProcess | undefined
let browser: Browser
let staffContext: BrowserContext
let customer: Page
let staff: Page

async function customerSays(text: string): Promise<string> {
  const before = await customer.locator('.msg--bot:not(.msg--typing)').count()
  await customer.fill('#input', text)
  await customer.press('#input', 'Enter')
  await customer.waitForFunction(
    (n) =>
      document.querySelectorAll('.msg--bot:not(.msg--typing)').length > n && !document.querySelector('.msg--typing'),
    before,
  )
  return (await customer.locator('.msg--bot:not(.msg--typing)').last().textContent())?.trim() ?? ''
}

/** Screenshots of the staff page at desktop and phone sizes. */
async function shoot(name: string): Promise<void> {
  await staff.setViewportSize(desktop)
  await staff.screenshot({ path: `${artifacts}/${name}-desktop.png`, fullPage: true })
  await staff.setViewportSize(phone)
  await staff.screenshot({ path: `${artifacts}/${name}-phone.png`, fullPage: true })
  await staff.setViewportSize(desktop)
}

describe.runIf(chromiumAvailable)('console in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    app = await startServer(
      { LOG_LEVEL: 'warn', CONSOLE_OWNER_EMAIL: owner.email, CONSOLE_OWNER_PASSWORD: owner.password },
      ['--fresh'],
    )
    await app.ready(110_000)
    base = app.base
    browser = await launchChromium()
    customer = await (await browser.newContext({ viewport: phone })).newPage()
    staffContext = await browser.newContext({ viewport: desktop, locale: 'id-ID', timezoneId: 'Asia/Jakarta' })
    staff = await staffContext.newPage()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('refuses a wrong password and signs the owner in', async () => {
    await staff.goto(`${base}/console`)
    await staff.waitForSelector('#login-form')
    await staff.screenshot({ path: `${artifacts}/login-desktop.png` })
    await staff.fill('input[name=email]', owner.email)
    await staff.fill('input[name=password]', 'not-the-password')
    await staff.click('#login-form button[type=submit]')
    await expect.poll(() => staff.locator('#login-error').textContent()).toMatch(/salah/)
    await staff.fill('input[name=password]', owner.password)
    await staff.click('#login-form button[type=submit]')
    await staff.waitForSelector('#app:not([hidden])')
    expect(await staff.locator('#me').textContent()).toContain('owner')
  })

  it('answers a web chat hand-off that the customer then sees', async () => {
    await customer.goto(base)
    await customer.waitForSelector('.msg--bot')
    await customerSays('Halo, paket saya belum sampai')
    const handedOff = await customerSays('Saya mau bicara dengan CS')
    expect(handedOff).toMatch(/CS|staf/i)

    // The inbox learns of it live (server-sent events), without a reload.
    const waiting = staff.locator('.conversation[data-status=waiting]').first()
    await waiting.waitFor({ timeout: 15_000 })
    expect(await waiting.textContent()).toMatch(/menunggu/)
    await waiting.click()
    await staff.waitForSelector('#reply-form')
    await shoot('inbox-waiting')
    await staff.fill('#reply-form textarea', staffAnswer)
    await staff.click('#reply-form button[type=submit]')
    await staff.waitForSelector('#detail-status:has-text("Dengan staf")')

    const seen = customer.locator('.msg--staff', { hasText: 'saya Rina dari tim CS' })
    await seen.waitFor({ timeout: 15_000 })
    expect(await seen.textContent()).toContain('besok sampai')
    // The page also polls the history (every 10 s), where the answer is stored too: it stays on screen once.
    const polled = await customer.waitForResponse((res) => res.url().endsWith('/api/chat/history'), {
      timeout: 15_000,
    })
    expect(((await polled.json()) as { replies: { text: string }[] }).replies.map((r) => r.text)).toContain(staffAnswer)
    await customer.waitForTimeout(200)
    expect(await seen.count()).toBe(1)
    await customer.screenshot({ path: `${artifacts}/customer-sees-answer-phone.png` })
    await shoot('inbox-answered')
  })

  it('closes the hand-off and sees the customer rating arrive', async () => {
    await staff.click('#close')
    const five = customer.locator('.msg--staff button', { hasText: '5' }).last()
    await five.waitFor({ timeout: 15_000 })
    await customer.screenshot({ path: `${artifacts}/customer-rating-question-phone.png` })
    await five.click()
    await customer.locator('.msg--bot', { hasText: '5/5' }).waitFor({ timeout: 15_000 })
    const rating = staff.locator('#ratings', { hasText: '5/5' })
    await rating.waitFor({ timeout: 15_000 })
    await shoot('inbox-rated')
  })

  it('draws every chart over the chosen date range, with a CSV per table', async () => {
    await staff.click('[data-tab=analytics]')
    await staff.waitForSelector('[data-chart=knowledge_gaps]')
    const charts = await staff
      .locator('[data-chart]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-chart')))
    expect(charts).toEqual([
      'conversations_per_day',
      'resolution',
      'first_reply',
      'csat',
      'tools',
      'cost_per_day',
      'cost_per_conversation',
      'knowledge_gaps',
    ])
    // Chart.js draws onto each canvas: a drawn canvas has non-blank pixels.
    const drawn = await staff.locator('[data-chart] canvas').evaluateAll((canvases) =>
      canvases.map((canvas) => {
        const c = canvas as HTMLCanvasElement
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray()
        return data.some((v, i) => i % 4 === 3 && v > 0)
      }),
    )
    // The set-up card names what is still missing, in the console's language.
    expect(await staff.locator('[data-gap=staffChannel]').textContent()).toContain('kanal staf')
    expect(await staff.locator('#setup').textContent()).not.toContain('null')
    expect(drawn).toHaveLength(6)
    expect(drawn.every(Boolean)).toBe(true)
    expect(await staff.locator('[data-chart=csat]').textContent()).toContain('5')
    const csv = await staff.evaluate(async () => (await fetch('/console/api/analytics/csat.csv')).text())
    expect(csv.split('\r\n')[0]).toBe('rating,count,average')
    expect(csv).toContain('5,1,5')
    await shoot('analytics')
  })

  it('changes a stock count with a reason', async () => {
    await staff.click('[data-tab=stock]')
    const row = staff.locator('tr[data-sku="KAOS-001-M"]')
    await row.waitFor()
    await row.locator('input[name=quantity]').fill('33')
    await row.locator('input[name=reason]').fill('stock opname Desember')
    await row.locator('button[type=submit]').click()
    await expect.poll(() => staff.locator('tr[data-sku="KAOS-001-M"] .qty').textContent()).toBe('33')
    await shoot('stock')
    const stock = await staff.evaluate(async () => (await fetch('/console/api/stock?q=KAOS-001-M')).json())
    const size = stock.products[0].sizes.find((s: { sku: string }) => s.sku === 'KAOS-001-M')
    expect(size.quantity).toBe(33)
    const audit = await staff.evaluate(async () => (await fetch('/console/api/audit?limit=20')).json())
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['console_login', 'handoff_reply', 'handoff_closed', 'handoff_rated']),
    )
  })

  it('opens the returns screen: the status filter and, in the demo shop, no open returns', async () => {
    const failures: string[] = []
    staff.on('pageerror', (error) => failures.push(error.message))
    await staff.click('[data-tab=returns]')
    await expect.poll(() => staff.locator('#return-list').textContent()).toBe('Tidak ada retur.')
    expect(await staff.locator('#return-filter select option').count()).toBe(10)
    await staff.selectOption('#return-filter select', '')
    await expect.poll(() => staff.locator('#return-list').textContent()).toBe('Tidak ada retur.')
    await shoot('returns')
    expect(failures).toEqual([])
  })

  it('shows what staff were told in the inbox, such as the new hand-off', async () => {
    await staff.click('[data-tab=inbox]')
    await staff.click('#notices summary')
    await expect.poll(() => staff.locator('#notices-list .notice').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    const kinds = await staff
      .locator('#notices-list .notice')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-kind')))
    expect(kinds).toContain('handoff_opened')
    await shoot('inbox-notices')
  })

  it('the owner changes their own password from the top bar; a wrong current one is refused in the dialog', async () => {
    await staff.click('#password-open')
    await staff.fill('#password-form input[name=currentPassword]', 'not-the-password')
    await staff.fill('#password-form input[name=newPassword]', 'a-brand-new-password')
    await staff.click('#password-form button[type=submit]')
    await expect.poll(() => staff.locator('#password-result').textContent()).toContain('currentPassword')
    await staff.fill('#password-form input[name=currentPassword]', owner.password)
    await staff.click('#password-form button[type=submit]')
    await expect.poll(() => staff.locator('#toast').textContent()).toMatch(/sandi diganti|Password changed/)
    expect(await staff.locator('#password-dialog').isVisible()).toBe(false)
    const fresh = await staff.evaluate(async (email) => {
      const res = await fetch('/console/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'a-brand-new-password' }),
      })
      return res.status
    }, owner.email)
    expect(fresh).toBe(200)
  })
})
