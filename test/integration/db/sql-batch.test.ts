import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'

// Batches exist on reserved PostgreSQL connections only (PGlite has a single session and no reserve()).
describe.each(testDbKinds.filter((kind) => kind === 'postgres'))('sql batch (%s)', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await createTestDatabase(kind, { seed: false })
  })
  afterAll(async () => {
    await db.close()
  })

  it('passes every kind of parameter through as the prepared statement would receive it', async () => {
    const connection = await db.sql.reserve()
    if (!connection) throw new Error('expected a connection')
    try {
      const tricky = "it's \\ a 'quote' — ünïcode 🎉\n; DROP TABLE x; --"
      const statement = {
        text: 'SELECT $1::text AS t, $2::int AS n, $3::float8 AS f, $4::boolean AS b, $5::text AS nothing, $6::jsonb AS j',
        params: [tricky, -42, 1.5, true, null, JSON.stringify({ a: "b'c" })],
      }
      const expected = [{ t: tricky, n: -42, f: 1.5, b: true, nothing: null, j: { a: "b'c" } }]
      // Twice: the first batch prepares the statement on this connection, the second only executes it.
      expect(await connection.batch(['SELECT 1', statement, 'SELECT 2'])).toEqual(expected)
      expect(await connection.batch([statement])).toEqual(expected)
      expect(await connection.query(statement.text, statement.params)).toEqual(expected)
      await expect(connection.batch([{ text: 'SELECT $1::text', params: [{}] }])).rejects.toThrow(TypeError)
      await expect(connection.batch([{ text: 'SELECT $1::int', params: [Number.NaN] }])).rejects.toThrow(TypeError)
    } finally {
      connection.release()
    }
  })

  it('prepares a statement again once the server has forgotten it', async () => {
    const connection = await db.sql.reserve()
    if (!connection) throw new Error('expected a connection')
    try {
      const statement = { text: 'SELECT $1::int + 1 AS n', params: [41] }
      expect(await connection.batch([statement])).toEqual([{ n: 42 }])
      await connection.exec('DEALLOCATE ALL')
      await expect(connection.batch([statement])).rejects.toMatchObject({ code: '26000' })
      expect(await connection.batch([statement])).toEqual([{ n: 42 }])
    } finally {
      // DEALLOCATE ALL also dropped the driver's own prepared statements: this connection is not reused.
      connection.release(new Error('statements deallocated'))
    }
  })

  it('commits what comes before a COMMIT even when a later statement of the batch fails', async () => {
    await db.sql.query('CREATE TABLE IF NOT EXISTS batch_probe (id int PRIMARY KEY)')
    const connection = await db.sql.reserve()
    if (!connection) throw new Error('expected a connection')
    try {
      await expect(
        connection.batch([
          'BEGIN',
          { text: 'INSERT INTO batch_probe (id) VALUES ($1::int)', params: [1] },
          'COMMIT',
          'SELECT 1 / 0',
        ]),
      ).rejects.toThrow(/division by zero/)
      await expect(
        connection.batch([
          'BEGIN',
          { text: 'INSERT INTO batch_probe (id) VALUES ($1::int)', params: [2] },
          'SELECT 1 / 0',
        ]),
      ).rejects.toThrow(/division by zero/)
      await connection.exec('ROLLBACK')
      const rows = await db.sql.query<{ id: number }>('SELECT id FROM batch_probe ORDER BY id')
      expect(rows).toEqual([{ id: 1 }])
    } finally {
      connection.release()
    }
  })
})
