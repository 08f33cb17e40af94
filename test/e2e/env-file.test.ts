/**
 * `.env` as the README tells a newcomer to use it: settings in a file in the working directory reach `npm start`,
 * and a variable set in the real environment wins over the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { commandEnv, freePort, startEntry, stop, waitForHealth } from '../helpers/processes.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'layan-envfile-'))

describe('.env in the working directory', () => {
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('is read by npm start, under the real environment', async () => {
    const port = await freePort()
    writeFileSync(
      path.join(dir, '.env'),
      [
        '# written by hand, as .env.example shows',
        `PORT=${port}`,
        'HOST=127.0.0.1',
        'SHOP_NAME="Toko dari Berkas"',
        'SESSION_SECRET=from-the-file-0123456789',
        '',
      ].join('\n'),
    )
    // ENV_FILE unset: the server looks for .env where it was started. SHOP_NAME is also in the real environment.
    const server = startEntry('src/main.ts', ['--fresh'], {
      cwd: dir,
      env: commandEnv({ ENV_FILE: undefined, SHOP_NAME: 'Toko dari Lingkungan' }),
    })
    try {
      // Listening on the file's port shows the file was read.
      await waitForHealth(`http://127.0.0.1:${port}`, server)
      const session = (await (await fetch(`http://127.0.0.1:${port}/api/chat/session`)).json()) as { shopName: string }
      expect(session.shopName).toBe('Toko dari Lingkungan')
    } finally {
      await stop(server)
    }
  }, 120_000)

  it('is named in a clear error when one of its settings is invalid', async () => {
    const bad = mkdtempSync(path.join(dir, 'bad-'))
    writeFileSync(path.join(bad, '.env'), 'PORT=not-a-port\n')
    const server = startEntry('src/main.ts', ['--fresh'], { cwd: bad, env: commandEnv({ ENV_FILE: undefined }) })
    expect(await server.exited).toBe(1)
    expect(server.output()).toContain('PORT')
    expect(server.output()).toContain('.env')
  }, 60_000)
})
