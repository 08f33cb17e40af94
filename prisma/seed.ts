/** `npm run db:seed`: creates the demo shop in DATABASE_URL or the embedded database. Safe to run twice. */
import { loadConfig } from '../src/config.ts'
import { openDatabase } from '../src/db/client.ts'
import { seedDemoShop } from '../src/db/seed.ts'

const config = loadConfig()
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR })
try {
  const { created } = await seedDemoShop(db.prisma)
  console.error(created ? 'Demo shop UrbanStyle ID created.' : 'Demo shop already present: nothing changed.')
} finally {
  await db.close()
}
