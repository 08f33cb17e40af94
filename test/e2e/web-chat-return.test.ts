/**
 * A size exchange in the web chat, in Chromium at phone size against the whole process (`npm start`, fresh demo
 * shop), in Indonesian and in English: Siti verifies, asks to exchange her ORD-2025-006 T-shirt, picks L from the
 * sizes in stock, presses "Ya, ajukan", sends a photo that is kept with the request, and reads its status.
 */
import { mkdirSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { botAnswerTo, botSays, launchChromium } from '../helpers/browser.ts'
import { chromiumAvailable } from '../helpers/capabilities.ts'
import { type ServerProcess, startServer } from '../helpers/processes.ts'

let app: ServerProcess | undefined
let browser: Browser

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 7)])
const shots = 'test/artifacts/web-chat-return'

describe.runIf(chromiumAvailable)('a size exchange in the web chat (Chromium, phone size)', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    app = await startServer({ LOG_LEVEL: 'warn' }, ['--fresh'])
    await app.ready(110_000)
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('asks, reserves L on the button press, keeps the photo with the request (Indonesian)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })
    const page = await context.newPage()
    await page.goto(app?.base ?? '')
    await page.waitForSelector('.msg--bot')

    expect(await botSays(page, 'verifikasi ORD-2025-006 5432')).toContain('Siti Rahma')
    expect(await botSays(page, 'kaos ORD-2025-006 kekecilan, mau tukar size')).toContain(
      'Ukuran yang tersedia: S, L, XL',
    )
    const confirmText = await botSays(page, 'L')
    expect(confirmText).toContain('ukuran M → ukuran L')
    const confirm = page.locator('.msg--bot').last().locator('button.confirm')
    await expect.poll(() => confirm.count()).toBe(1)
    await page.screenshot({ path: `${shots}/id-confirm.png`, fullPage: false })

    expect(await botAnswerTo(page, () => confirm.click())).toContain('ORD-2025-006-R1')
    const photo = await botAnswerTo(page, () =>
      page.setInputFiles('#photo-input', { name: 'kaos.jpg', mimeType: 'image/jpeg', buffer: jpeg }),
    )
    expect(photo).toContain('ORD-2025-006-R1')
    expect(await botSays(page, 'status retur')).toContain('menunggu persetujuan tim kami')
    await page.screenshot({ path: `${shots}/id-status.png`, fullPage: false })

    // A second exchange of the same item is refused, with no button.
    const again = await botSays(page, 'mau tukar ORD-2025-006 ke XL')
    expect(again).toContain('sudah punya permintaan retur')
    expect(await page.locator('.msg--bot').last().locator('button.confirm').count()).toBe(0)
    await context.close()
  })

  it('refuses an order outside the window with no button (English)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' })
    const page = await context.newPage()
    await page.goto(`${app?.base ?? ''}/?lang=en`)
    await page.waitForSelector('.msg--bot')
    expect(await botSays(page, 'verify ORD-2025-003 7890')).toContain('Adi Mulyana')
    const refused = await botSays(page, 'I want to return ORD-2025-003, it is too big')
    expect(refused).toContain('window for returns and exchanges has passed')
    expect(await page.locator('.msg--bot').last().locator('button.confirm').count()).toBe(0)
    await page.screenshot({ path: `${shots}/en-refused.png`, fullPage: false })
    await context.close()
  })
})
