// Generates the Prisma client. `prisma generate` never uses the schema engine, but the CLI insists that its
// binary exists and tries to download it when missing; with no network that download fails. When no engine
// binary is present we point the CLI at a harmless executable so generation works offline as well as online.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const env = { ...process.env }
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync('/bin/true') ? '/bin/true' : process.execPath
}
execFileSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { stdio: 'inherit', env })
