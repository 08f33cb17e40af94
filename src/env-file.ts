/**
 * Settings from a `.env` file. The order, strongest first: the real environment, then `.env` in the working
 * directory (or the file ENV_FILE names), then each setting's default (src/config.ts). Node's own parser reads the
 * file; a variable already set in the environment is never replaced.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'

export interface EnvFileLoad {
  file: string
  /** Names taken from the file (those not already in the environment). */
  loaded: string[]
}

/** Loads `file` (default ENV_FILE, else `./.env`) into process.env; null when there is no such file. */
export function loadEnvFile(file = path.resolve(process.env.ENV_FILE || '.env')): EnvFileLoad | null {
  if (!existsSync(file)) return null
  const before = new Set(Object.keys(process.env))
  process.loadEnvFile(file)
  return { file, loaded: Object.keys(process.env).filter((name) => !before.has(name)) }
}
