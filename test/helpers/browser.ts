/** Chromium for the browser tests, started the same way by each of them (no sandbox in containers, nothing in the background). */
import { type Browser, chromium } from 'playwright-core'
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
