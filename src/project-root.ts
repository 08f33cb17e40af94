/**
 * The project's folder (the one holding package.json), found from this module's own location, so that files
 * shipped beside the code (migrations, the web page, the knowledge base, database snapshots) are found the same
 * way whether the code runs from its TypeScript sources or compiled into `dist/`.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'

function findProjectRoot(from: string): string {
  let dir = from
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`no package.json in ${from} or above it`)
    dir = parent
  }
  return dir
}

export const projectRoot = findProjectRoot(import.meta.dirname)

/** A path inside the project, e.g. `projectPath('prisma', 'migrations')`. */
export function projectPath(...parts: string[]): string {
  return path.join(projectRoot, ...parts)
}
