import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadEnvFile } from '../../src/env-file.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'layan-env-unit-'))
const names = ['LAYAN_T_A', 'LAYAN_T_B', 'LAYAN_T_C']

describe('loadEnvFile', () => {
  afterEach(() => {
    for (const name of names) delete process.env[name]
  })

  it('adds the file’s variables and never replaces one already set', () => {
    const file = path.join(dir, 'one.env')
    writeFileSync(file, 'LAYAN_T_A=from-file\nLAYAN_T_B="quoted value"\n# LAYAN_T_C=commented\n')
    process.env.LAYAN_T_A = 'from-environment'
    const loaded = loadEnvFile(file)
    expect(process.env.LAYAN_T_A).toBe('from-environment')
    expect(process.env.LAYAN_T_B).toBe('quoted value')
    expect(process.env.LAYAN_T_C).toBeUndefined()
    expect(loaded).toEqual({ file, loaded: ['LAYAN_T_B'] })
  })

  it('returns null when there is no file', () => {
    expect(loadEnvFile(path.join(dir, 'missing.env'))).toBeNull()
  })

  it('reads ./.env by default, or the file ENV_FILE names', () => {
    writeFileSync(path.join(dir, '.env'), 'LAYAN_T_A=default-file\n')
    writeFileSync(path.join(dir, 'named.env'), 'LAYAN_T_B=named-file\n')
    const cwd = process.cwd()
    const envFile = process.env.ENV_FILE
    try {
      process.chdir(dir)
      delete process.env.ENV_FILE
      expect(loadEnvFile()?.loaded).toEqual(['LAYAN_T_A'])
      process.env.ENV_FILE = 'named.env'
      expect(loadEnvFile()?.loaded).toEqual(['LAYAN_T_B'])
    } finally {
      process.chdir(cwd)
      if (envFile === undefined) delete process.env.ENV_FILE
      else process.env.ENV_FILE = envFile
    }
  })
})
