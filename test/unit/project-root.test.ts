/**
 * `npm start` runs the code bundled into dist/, where `import.meta` names the bundle, not the source file. Files
 * shipped beside the code are therefore found from the project root (src/project-root.ts), never relative to a
 * module's own location.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectPath, projectRoot } from '../../src/project-root.ts'

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'generated' || entry.name === 'public' ? [] : sources(file)
    return entry.name.endsWith('.ts') ? [file] : []
  })
}

describe('the project root', () => {
  it('is the folder of package.json, whatever the working directory', () => {
    expect(JSON.parse(readFileSync(projectPath('package.json'), 'utf8')).name).toBe('layan')
    expect(projectRoot).toBe(path.resolve(import.meta.dirname, '../..'))
  })

  it('is how the code finds its files: no module looks them up from its own location', () => {
    const offenders = ['src', 'adapters', 'tools']
      .flatMap((dir) => sources(projectPath(dir)))
      .filter((file) => !file.endsWith(path.join('src', 'project-root.ts')))
      .filter((file) => {
        const text = readFileSync(file, 'utf8')
        return /import\.meta\.dirname|new URL\([^)]*import\.meta\.url\)/.test(text)
      })
      .map((file) => path.relative(projectRoot, file))
    expect(offenders).toEqual([])
  })
})
