/**
 * `npm start` runs compiled code and never stale code: on a copy of the project (so the real dist/ is not touched
 * while other tests run it), the first start compiles, the next one does not, and after a source is edited the
 * start compiles again and runs the edit.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  commandEnv,
  freePort,
  projectRoot,
  type Started,
  startScript,
  stop,
  waitForHealth,
} from '../helpers/processes.ts'

let copy: string

async function startCopy(): Promise<Started> {
  const port = await freePort()
  // The copy's own launcher, as `npm start` runs it there.
  const server = startScript(path.join(copy, 'scripts', 'start.mjs'), ['--fresh'], {
    env: commandEnv({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' }),
    cwd: copy,
  })
  await waitForHealth(`http://127.0.0.1:${port}`, server)
  return server
}

describe('npm start compiles when, and only when, a source changed', () => {
  beforeAll(() => {
    copy = mkdtempSync(path.join(tmpdir(), 'layan-build-'))
    for (const item of [
      'package.json',
      'tsconfig.json',
      'scripts',
      'src',
      'adapters',
      'tools',
      'prisma',
      'knowledge',
    ]) {
      cpSync(path.join(projectRoot, item), path.join(copy, item), { recursive: true })
    }
    symlinkSync(path.join(projectRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir')
    // The snapshots are made from the same sources, so the copy may use the real ones.
    mkdirSync(path.join(copy, 'dist'))
    cpSync(path.join(projectRoot, 'dist', 'snapshots'), path.join(copy, 'dist', 'snapshots'), { recursive: true })
  })
  afterAll(() => rmSync(copy, { recursive: true, force: true }))

  it('compiles on the first start, not on the second, and again after an edit, which then runs', async () => {
    const first = await startCopy()
    await stop(first)
    expect(first.output()).toContain('compiling the server (no build yet)')
    expect(first.output()).toContain('Layan is running for UrbanStyle ID')

    const second = await startCopy()
    await stop(second)
    expect(second.output()).not.toContain('compiling the server')
    expect(second.output()).toContain('Layan is running for UrbanStyle ID')

    const config = path.join(copy, 'src', 'config.ts')
    const source = readFileSync(config, 'utf8')
    expect(source).toContain("SHOP_NAME: z.string().default('UrbanStyle ID')")
    writeFileSync(
      config,
      source.replace(
        "SHOP_NAME: z.string().default('UrbanStyle ID')",
        "SHOP_NAME: z.string().default('Toko Suntingan')",
      ),
    )
    const third = await startCopy()
    await stop(third)
    expect(third.output()).toContain('compiling the server (src/config.ts changed)')
    expect(third.output()).toContain('Layan is running for Toko Suntingan')
  }, 180_000)
})
