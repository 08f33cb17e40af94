/**
 * The web chat served over plain HTTP at an address that is not localhost (a LAN address, a container's host
 * name), in Chromium. Chromium resolves `shop.lan` to this machine, so the page's origin is an ordinary insecure
 * one, where a browser obeys `upgrade-insecure-requests` (on localhost it does not). Without PUBLIC_URL the page
 * loads its style and script and answers; with an https PUBLIC_URL served over http, the browser upgrades the
 * page's requests to https and loads neither, which is why that header follows PUBLIC_URL.
 */
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable, chromiumPath } from '../helpers/capabilities.ts'
import { commandEnv, freePort, type Started, startEntry, stop, waitForHealth } from '../helpers/processes.ts'

const host = 'shop.lan'

async function startServer(publicUrl?: (port: number) => string): Promise<{ server: Started; port: number }> {
  const port = await freePort()
  const server = startEntry('src/main.ts', ['--fresh'], {
    env: commandEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: publicUrl?.(port),
    }),
  })
  await waitForHealth(`http://127.0.0.1:${port}`, server)
  return { server, port }
}

describe.runIf(chromiumAvailable)('the web chat over plain HTTP at a non-local address', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', `--host-resolver-rules=MAP ${host} 127.0.0.1`],
    })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })

  /** Opens the page; returns the failed requests and whether the script ran and the style applied. */
  async function visit(port: number) {
    const page = await browser.newPage()
    const failed: string[] = []
    page.on('requestfailed', (request) => failed.push(request.url()))
    try {
      await page.goto(`http://${host}:${port}/`, { waitUntil: 'load' })
      // app.js writes the welcome message; style.css gives the page its layout.
      const scriptRan = await page
        .waitForSelector('.msg--bot', { timeout: 10_000 })
        .then(() => true)
        .catch(() => false)
      const styled = await page.evaluate(() =>
        Array.from(document.styleSheets).some((sheet) => {
          try {
            return sheet.href?.endsWith('/static/style.css') === true && sheet.cssRules.length > 0
          } catch {
            return false
          }
        }),
      )
      let answer = ''
      if (scriptRan) {
        await page.fill('#input', 'Apakah Kaos Basic Crewneck ukuran M masih ada?')
        await page.press('#input', 'Enter')
        await page.waitForFunction(() => document.querySelectorAll('.msg--bot:not(.msg--typing)').length > 1)
        answer = (await page.locator('.msg--bot:not(.msg--typing)').last().textContent()) ?? ''
      }
      return { failed, scriptRan, styled, answer }
    } finally {
      await page.close()
    }
  }

  it('without PUBLIC_URL: style and script load over http and the chat answers', async () => {
    const { server, port } = await startServer()
    try {
      const result = await visit(port)
      expect(result.failed).toEqual([])
      expect(result.styled).toBe(true)
      expect(result.scriptRan).toBe(true)
      expect(result.answer).toContain('Ukuran M: 15 unit')
    } finally {
      await stop(server)
    }
  }, 120_000)

  it('with PUBLIC_URL at that http address: the same', async () => {
    const { server, port } = await startServer((p) => `http://${host}:${p}`)
    try {
      const result = await visit(port)
      expect(result.failed).toEqual([])
      expect(result.scriptRan).toBe(true)
      expect(result.answer).toContain('Ukuran M: 15 unit')
    } finally {
      await stop(server)
    }
  }, 120_000)

  it('an https PUBLIC_URL reached over http: the browser upgrades the requests and loads neither', async () => {
    const { server, port } = await startServer((p) => `https://${host}:${p}`)
    try {
      const result = await visit(port)
      expect(result.scriptRan).toBe(false)
      expect(result.styled).toBe(false)
      expect(result.failed).toContain(`https://${host}:${port}/static/app.js`)
    } finally {
      await stop(server)
    }
  }, 120_000)
})
