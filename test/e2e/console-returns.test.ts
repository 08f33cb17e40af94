/**
 * A size exchange from both sides, in Chromium against the whole process (`--fresh` demo shop, the owner from the
 * settings): Siti asks in the web chat (phone size) to exchange her ORD-2025-006 T-shirt for L, presses the button
 * and sends a photo; the owner opens the console's Retur screen, sees the request with its photo, approves it,
 * marks the parcel received and ships the replacement with a waybill; Siti's open chat shows each step by itself.
 * On the way, the shipping page lists the demo's unconfirmed COD order.
 * Screenshots go to test/artifacts/console-returns/.
 */
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { botAnswerTo, botSays, launchChromium } from '../helpers/browser.ts'
import { chromiumAvailable } from '../helpers/capabilities.ts'
import { type ServerProcess, startServer } from '../helpers/processes.ts'

const artifacts = 'test/artifacts/console-returns'
const owner = { email: 'owner@urbanstyle.test', password: 'rahasia-toko-2026' }
let app: ServerProcess | undefined
let browser: Browser
let customer: Page
let staff: Page

/** The customer's chat shows a bubble with `text` by itself (the notice arrives without a question). */
const told = (text: string) => customer.locator('.msg--bot', { hasText: text }).waitFor({ timeout: 30_000 })

describe.runIf(chromiumAvailable)('a size exchange from the web chat through the console', () => {
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    app = await startServer(
      { LOG_LEVEL: 'warn', CONSOLE_OWNER_EMAIL: owner.email, CONSOLE_OWNER_PASSWORD: owner.password },
      ['--fresh'],
    )
    await app.ready(110_000)
    browser = await launchChromium()
    customer = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
    staff = await (
      await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' })
    ).newPage()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('the customer asks, presses and sends a photo', async () => {
    await customer.goto(app?.base ?? '')
    await customer.waitForSelector('.msg--bot')
    expect(await botSays(customer, 'verifikasi ORD-2025-006 5432')).toContain('Siti Rahma')
    expect(await botSays(customer, 'mau tukar ukuran kaos ORD-2025-006, kekecilan')).toContain('Ukuran yang tersedia')
    expect(await botSays(customer, 'L')).toContain('ukuran M → ukuran L')
    const confirm = customer.locator('.msg--bot').last().locator('button.confirm')
    expect(await botAnswerTo(customer, () => confirm.click())).toContain('ORD-2025-006-R1')
    // A real picture: a screenshot of the chat itself, as a PNG.
    const picture = await customer.screenshot({ clip: { x: 0, y: 0, width: 390, height: 300 } })
    const kept = await botAnswerTo(customer, () =>
      customer.setInputFiles('#photo-input', { name: 'kaos.png', mimeType: 'image/png', buffer: picture }),
    )
    expect(kept).toContain('ORD-2025-006-R1')
  })

  it('the owner approves, receives and ships the replacement; the customer is told each step', async () => {
    await staff.goto(`${app?.base}/console`)
    await staff.fill('input[name=email]', owner.email)
    await staff.fill('input[name=password]', owner.password)
    await staff.click('#login-form button[type=submit]')
    await staff.waitForSelector('#app:not([hidden])')
    // The shipping page also lists the COD orders nobody confirmed (they wait before shipping).
    await staff.click('button[data-tab=shipping]')
    const cod = staff.locator('#cod-list [data-order="ORD-2025-005"]')
    await cod.waitFor()
    expect(await cod.textContent()).toContain('Siti Rahma')
    expect(await cod.textContent()).toContain('Rp')
    await staff.click('button[data-tab=returns]')
    const card = staff.locator('[data-return="ORD-2025-006-R1"]')
    await card.waitFor()
    await card.click()
    const detail = staff.locator('#return-detail')
    await expect.poll(() => detail.textContent()).toContain('KAOS-001-M')
    expect(await detail.textContent()).toContain('KAOS-001-L')
    const photo = detail.locator('img').first()
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(390)
    await staff.screenshot({ path: `${artifacts}/request-desktop.png`, fullPage: true })

    await detail.locator('button', { hasText: /Setujui|Approve/ }).click()
    await told('ORD-2025-006-R1 (pesanan ORD-2025-006) disetujui')
    await expect.poll(() => detail.locator('h3').getAttribute('data-status')).toBe('APPROVED')
    await detail.locator('button', { hasText: /diterima|received/i }).click()
    await told('Paket retur ORD-2025-006-R1 sudah kami terima')
    await expect.poll(() => detail.locator('h3').getAttribute('data-status')).toBe('RECEIVED')
    await detail.locator('select[name=carrier]').selectOption('jne')
    await detail.locator('input[name=trackingNumber]').fill('JNE555000666')
    await detail
      .locator('form', { has: staff.locator('input[name=trackingNumber]') })
      .locator('button')
      .click()
    await told('JNE555000666')
    await expect.poll(() => detail.locator('h3').getAttribute('data-status')).toBe('REPLACEMENT_SHIPPED')
    expect(await detail.locator('h3').textContent()).toContain('Pengganti dikirim')
    await staff.screenshot({ path: `${artifacts}/shipped-desktop.png`, fullPage: true })
    await staff.setViewportSize({ width: 390, height: 844 })
    await staff.screenshot({ path: `${artifacts}/shipped-phone.png`, fullPage: true })
    await customer.screenshot({ path: `${artifacts}/customer-phone.png` })

    // The customer's tracking now names the replacement as the order's second shipment.
    expect(await botSays(customer, 'lacak ORD-2025-006')).toContain('Pengiriman lain: JNE JNE555000666')
  })
})
