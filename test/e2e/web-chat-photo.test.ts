/**
 * The web chat's attach-photo button in Chromium at phone size against the whole process (`npm start`, fresh
 * demo shop): the button fits beside the message box; an unverified visitor's photo is refused with how to
 * verify; after verifying, a JPEG is kept for the next return request, and a text file posing as a PNG is refused.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { botAnswerTo, launchChromium } from '../helpers/browser.ts'
import { chromiumAvailable } from '../helpers/capabilities.ts'
import { type ServerProcess, startServer } from '../helpers/processes.ts'

let app: ServerProcess | undefined
let browser: Browser

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 1)])

describe.runIf(chromiumAvailable)('web chat photo upload in Chromium (phone size)', () => {
  beforeAll(async () => {
    app = await startServer({ LOG_LEVEL: 'warn' }, ['--fresh'])
    await app.ready(110_000)
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('sends a photo from the attach button and shows the bot’s answer', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })
    const page = await context.newPage()
    await page.goto(app?.base ?? '')
    await page.waitForSelector('.msg--bot')

    // The button sits inside the phone's width, beside the message box and the send button.
    const attach = await page.locator('#attach').boundingBox()
    const sendButton = await page.locator('#send').boundingBox()
    expect(attach && attach.x >= 0 && attach.width >= 40).toBe(true)
    expect(sendButton && sendButton.x + sendButton.width <= 390).toBe(true)

    const photo = (name: string, mimeType: string, buffer: Buffer) => () =>
      page.setInputFiles('#photo-input', { name, mimeType, buffer })

    expect(await botAnswerTo(page, photo('kaos.jpg', 'image/jpeg', jpeg))).toContain('Foto belum kami simpan')

    await page.fill('#input', 'verifikasi ORD-2025-001 7890')
    expect(await botAnswerTo(page, () => page.press('#input', 'Enter'))).toContain('Adi Mulyana')

    expect(await botAnswerTo(page, photo('kaos.jpg', 'image/jpeg', jpeg))).toContain(
      'Foto diterima; sebutkan pesanan dan barang yang ingin diretur',
    )
    expect(await page.locator('.msg--me').last().textContent()).toBe('📷 Foto: kaos.jpg')

    expect(await botAnswerTo(page, photo('struk.png', 'image/png', Buffer.from('only text, not a picture')))).toContain(
      'bukan foto',
    )
    expect(await page.locator('#error').isHidden()).toBe(true)
    await context.close()
  })
})
