/**
 * `npm run console:user -- <command>`: console accounts from the terminal, on DATABASE_URL or the embedded database
 * in DATA_DIR (stop the server first when it uses the embedded one).
 *
 *   add <email> [--owner] [--name "Name"]   the password is read from CONSOLE_USER_PASSWORD or asked for
 *   list
 *   disable <email> | enable <email>         (enable also lifts a sign-in lockout)
 */
import { createInterface } from 'node:readline/promises'
import { loadConfig } from '../../src/config.ts'
import { openDatabase } from '../../src/db/client.ts'
import { DataDirInUse, DataDirUnusable } from '../../src/db/data-dir.ts'
import { prepareDatabase } from '../../src/db/prepare.ts'
import { createLogger } from '../../src/logger.ts'
import { AccountExists, createConsoleAccounts, normalizeEmail } from '../../src/services/console/accounts.ts'
import { InvalidInput } from '../../src/services/errors.ts'

const usage =
  'usage: npm run console:user -- add <email> [--owner] [--name "Name"] | list | disable <email> | enable <email>'

async function askPassword(): Promise<string> {
  if (process.env.CONSOLE_USER_PASSWORD) return process.env.CONSOLE_USER_PASSWORD
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false })
  try {
    return (await rl.question('Password (at least 10 characters): ')).trim()
  } finally {
    rl.close()
  }
}

const [command, ...args] = process.argv.slice(2)
if (!command || !['add', 'list', 'disable', 'enable'].includes(command)) {
  console.error(usage)
  process.exit(2)
}
const config = loadConfig()
let db: Awaited<ReturnType<typeof openDatabase>>
try {
  db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, role: 'console-user' })
} catch (error) {
  // The running server holds the embedded database: one sentence, no stack.
  if (error instanceof DataDirInUse || error instanceof DataDirUnusable) {
    console.error(`${error.message}\nStop the server first (the embedded database has one owner at a time).`)
    process.exit(1)
  }
  throw error
}
// The embedded database is migrated as `npm start` would; PostgreSQL must have been (npm run db:migrate).
await prepareDatabase(db, {
  migrate: db.kind === 'pglite',
  seedWhenEmpty: false,
  log: createLogger({ level: 'warn', destination: process.stderr }),
})
const accounts = createConsoleAccounts({
  prisma: db.prisma,
  now: () => new Date(),
  lockout: { maxFailures: config.CONSOLE_LOGIN_MAX_FAILURES, lockMinutes: config.CONSOLE_LOGIN_LOCK_MINUTES },
})
let code = 0
try {
  if (command === 'list') {
    for (const user of await accounts.list()) {
      console.log(`${user.email}\t${user.role}\t${user.active ? 'active' : 'disabled'}\t${user.name}`)
    }
  } else {
    const email = args.find((a) => !a.startsWith('--'))
    if (!email) throw new InvalidInput('email', usage)
    if (command === 'add') {
      const nameAt = args.indexOf('--name')
      const name = nameAt >= 0 ? args[nameAt + 1] : undefined
      const role = args.includes('--owner') ? 'owner' : 'staff'
      const user = await accounts.add({ email, name, role, password: await askPassword(), actor: 'cli' })
      console.log(`added ${user.email} (${user.role})`)
    } else {
      const user = (await accounts.list()).find((u) => u.email === normalizeEmail(email))
      if (!user) throw new InvalidInput('email', `no account ${email}`)
      await accounts.setActive(user.id, command === 'enable', 'cli')
      console.log(`${command}d ${user.email}`)
    }
  }
} catch (error) {
  if (error instanceof AccountExists || error instanceof InvalidInput) {
    const reason =
      error instanceof InvalidInput && typeof error.details.reason === 'string' ? `: ${error.details.reason}` : ''
    console.error(`${error.message}${reason}`)
    code = 1
  } else throw error
} finally {
  await db.close()
}
process.exit(code)
