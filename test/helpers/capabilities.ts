/**
 * What this machine can run beyond Node itself. A suite that needs a missing part is not run, says so by name
 * with how to enable it, and under CI (`CI=true`) fails the run instead: nothing is silently left out.
 */
import { existsSync } from 'node:fs'

/** The Chromium the browser tests drive (Debian's package by default). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const chromiumAvailable = existsSync(chromiumPath)

export const underCi = process.env.CI === 'true' || process.env.CI === '1'

export interface MissingPart {
  suites: string[]
  needs: string
  enable: string
}

export function missingParts(): MissingPart[] {
  const missing: MissingPart[] = []
  if (!chromiumAvailable)
    missing.push({
      suites: ['test/e2e/web-chat.test.ts', 'test/e2e/plain-http.test.ts', 'test/e2e/console.test.ts'],
      needs: `Chromium at ${chromiumPath}`,
      enable: 'apt-get install chromium (or set CHROMIUM_PATH to a Chromium or Chrome binary)',
    })
  return missing
}

/** A loud block naming every suite that cannot run here. */
export function describeMissing(missing: MissingPart[]): string {
  const lines = missing.flatMap((part) => [
    `  NOT RUN: ${part.suites.join(', ')}`,
    `           needs ${part.needs}; to enable: ${part.enable}`,
  ])
  const bar = '!'.repeat(100)
  return `\n${bar}\n${lines.join('\n')}\n${bar}\n`
}
