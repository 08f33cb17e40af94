import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { describe, expect, it } from 'vitest'
import { applyMigrations, createMigration, defaultMigrationPaths } from '../../../src/db/migrate.ts'

const expectedTables = [
  'Attachment',
  'AuditLog',
  'BackInStockRequest',
  'ChannelIdentity',
  'ConsoleSession',
  'ConsoleUser',
  'Conversation',
  'Customer',
  'Handoff',
  'InboxMessage',
  'Inventory',
  'InventoryMovement',
  'Message',
  'Notification',
  'Order',
  'OrderItem',
  'OutboundMessage',
  'Payment',
  'PaymentLink',
  'PendingAction',
  'ProcessedEvent',
  'Product',
  'ReturnItem',
  'ReturnRequest',
  'ShippingEvent',
  'ShippingTracking',
  'ShopSync',
  'StockLevel',
  'ToolCall',
  'VerificationLimit',
  '_prisma_migrations',
]

describe('migrations through the WebAssembly schema engine', () => {
  it('migrates an empty database, records history like the CLI, and is a no-op the second time', async () => {
    const pg = new PGlite()
    const applied = await applyMigrations(new PrismaPGlite(pg))
    const migrationDirs = readdirSync(defaultMigrationPaths.migrationsDir).filter((d) => /^\d{14}_/.test(d))
    expect(applied).toEqual(migrationDirs.sort())

    const tables = await pg.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    )
    expect(tables.rows.map((r) => r.table_name).sort()).toEqual([...expectedTables].sort())

    const history = await pg.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'select migration_name, checksum, finished_at from _prisma_migrations',
    )
    expect(history.rows).toHaveLength(migrationDirs.length)
    for (const row of history.rows) {
      expect(row.finished_at).not.toBeNull()
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/)
    }

    expect(await applyMigrations(new PrismaPGlite(pg))).toEqual([])
    await pg.close()
  }, 120_000)

  it('enforces non-negative stock in the database itself', async () => {
    const pg = new PGlite()
    await applyMigrations(new PrismaPGlite(pg))
    await pg.exec(`insert into "Product" (id, name, price, "updatedAt") values ('P-1', 'x', 1, now())`)
    await expect(
      pg.exec(
        `insert into "Inventory" (sku, "productId", size, quantity, "updatedAt") values ('P-1-M', 'P-1', 'M', -1, now())`,
      ),
    ).rejects.toThrow(/Inventory_quantity_nonnegative/)
    await pg.close()
  }, 120_000)

  it('writes nothing when the schema matches the migrations, and a new migration when it changes', async () => {
    const shadow = new PGlite()
    expect(await createMigration(new PrismaPGlite(shadow), 'noop')).toBeUndefined()

    const work = mkdtempSync(path.join(tmpdir(), 'layan-migration-'))
    const schemaPath = path.join(work, 'schema.prisma')
    const schema = readFileSync(defaultMigrationPaths.schemaPath, 'utf8').replace(
      'model AuditLog {',
      'model Coupon {\n  code String @id\n  percent Int\n}\n\nmodel AuditLog {',
    )
    const { writeFileSync, cpSync } = await import('node:fs')
    writeFileSync(schemaPath, schema)
    cpSync(defaultMigrationPaths.migrationsDir, path.join(work, 'migrations'), { recursive: true })
    const dir = await createMigration(
      new PrismaPGlite(new PGlite()),
      'add_coupon',
      { schemaPath, migrationsDir: path.join(work, 'migrations') },
      new Date('2030-01-01T00:00:00Z'),
    )
    expect(dir).toMatch(/20300101000000_add_coupon$/)
    const sql = readFileSync(path.join(dir!, 'migration.sql'), 'utf8')
    expect(sql).toContain('CREATE TABLE "Coupon"')
    expect(sql).not.toContain('CREATE TABLE "Order"')
    await shadow.close()
  }, 180_000)
})
