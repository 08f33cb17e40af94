/** Chromium for the browser tests, started the same way by each of them (no sandbox in containers, nothing in the background). */
import { type Browser, chromium, type Page } from 'playwright-core'
import { chromiumPath } from './capabilities.ts'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

const botBubbles = '.msg--bot:not(.msg--typing)'

/** Runs `act` on the web chat page and waits for the bot's next answer (no typing bubble left); returns its text. */
export async function botAnswerTo(page: Page, act: () => Promise<void>): Promise<string> {
  const before = await page.locator(botBubbles).count()
  await act()
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('.msg--bot:not(.msg--typing)').length > n && !document.querySelector('.msg--typing'),
    before,
  )
  return (await page.locator(botBubbles).last().textContent())?.trim() ?? ''
}

/** Types `text` into the web chat, sends it with Enter, and returns the bot's answer. */
export function botSays(page: Page, text: string): Promise<string> {
  return botAnswerTo(page, async () => {
    await page.fill('#input', text)
    await page.press('#input', 'Enter')
  })
}
