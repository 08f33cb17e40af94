/**
 * Plain SQL beside Prisma, on the same connections, for the few paths that run on every message (the
 * conversation's intake and outcome, the conversation lock, dropping repeated updates). Through Prisma each
 * statement costs 0.3–0.9 ms of CPU before it reaches the database; one hand-written statement here replaces
 * five or six of them. Everything else goes through the services and Prisma.
 *
 * Rows come back as plain objects. Timestamps are read as epoch milliseconds (`extract(epoch …)`) and written
 * with `utcTimestamp`, so neither driver's idea of a time zone matters.
 */
import type { PGlite } from '@electric-sql/pglite'
import type pg from 'pg'

/** One statement with `$1…` parameters; its rows. */
export type SqlQuery = <Row>(text: string, params?: readonly unknown[]) => Promise<Row[]>

/** A statement with `$1…` parameters, to run later or beside others. */
export interface SqlStatement {
  text: string
  params: readonly unknown[]
}

/** A connection of its own, for work that must stay on one session (a session holding a lock). */
export interface ReservedConnection {
  /** A simple-protocol statement (no parameters; several statements separated by `;` are allowed). */
  exec(text: string): Promise<void>
  /** A prepared statement on this connection. */
  query: SqlQuery
  /**
   * Several statements in one round trip: plain statements (no parameters) and at most one `SqlStatement`,
   * whose rows are returned. That one runs as a statement prepared once per connection (`PREPARE`, then
   * `EXECUTE` with its parameters as quoted literals: strings, finite numbers, booleans or null). The batch is one
   * implicit transaction unless it says `BEGIN`/`COMMIT`; each statement still sees what committed before it.
   */
  batch<Row>(steps: readonly (string | SqlStatement)[]): Promise<Row[]>
  /** Quotes a string as an SQL literal for `exec`. */
  literal(value: string): string
  /** True once the server or the network dropped the connection. */
  readonly lost: boolean
  release(error?: Error): void
}

export interface SqlClient {
  query: SqlQuery
  /** A pooled connection for this caller alone (PostgreSQL); null on PGlite, which has only one. */
  reserve(): Promise<ReservedConnection | null>
}

/** `2026-11-26T03:04:05.678` for a `timestamp(3)` column holding UTC (cast the parameter `::timestamp(3)`). */
export function utcTimestamp(date: Date): string {
  return date.toISOString().slice(0, -1)
}

/**
 * Names each distinct SQL text so node-postgres prepares it once per connection and PostgreSQL can reuse the
 * plan: parsing and planning Prisma's relation-join queries otherwise costs more than running them.
 */
export function preparedStatementNames(): (query: { sql: string }) => string {
  const names = new Map<string, string>()
  return ({ sql }) => {
    let name = names.get(sql)
    if (!name) {
      name = `layan_${names.size + 1}`
      names.set(sql, name)
    }
    return name
  }
}

/** `value` as an SQL literal for `EXECUTE`; `quote` quotes strings. */
function sqlLiteral(value: unknown, quote: (text: string) => string): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'string') return quote(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  throw new TypeError(`cannot pass ${typeof value} ${String(value)} as a literal parameter`)
}

/** Names of statements prepared with SQL `PREPARE` (a namespace apart from the driver's `layan_N`). */
function batchStatementNames(): (text: string) => string {
  const names = new Map<string, string>()
  return (text) => {
    let name = names.get(text)
    if (!name) {
      name = `layan_batch_${names.size + 1}`
      names.set(text, name)
    }
    return name
  }
}

/** Statements are counted, when asked, where the pool hands out connections (client.ts). */
export function postgresSql(pool: pg.Pool, nameOf: (query: { sql: string }) => string): SqlClient {
  const batchNameOf = batchStatementNames()
  // Which batch statements each connection has prepared; a connection that is closed takes its set with it.
  const preparedOn = new WeakMap<pg.PoolClient, Set<string>>()
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await pool.query({ name: nameOf({ sql: text }), text, values: [...params] })
      return result.rows as Row[]
    },
    async reserve() {
      const client = await pool.connect()
      let lost = false
      // A connection the server drops while it is checked out must not take the process down with it.
      const onError = () => {
        lost = true
      }
      client.on('error', onError)
      const quote = (text: string) => client.escapeLiteral(text)
      return {
        async exec(text) {
          await client.query(text)
        },
        async query<Row>(text: string, params: readonly unknown[] = []) {
          const result = await client.query({ name: nameOf({ sql: text }), text, values: [...params] })
          return result.rows as Row[]
        },
        async batch<Row>(steps: readonly (string | SqlStatement)[]) {
          let prepared = preparedOn.get(client)
          if (!prepared) {
            prepared = new Set()
            preparedOn.set(client, prepared)
          }
          const parts: string[] = []
          let rowsAt = -1
          for (const step of steps) {
            if (typeof step === 'string') {
              parts.push(step)
              continue
            }
            if (rowsAt >= 0) throw new Error('a batch takes at most one statement with parameters')
            const name = batchNameOf(step.text)
            if (!prepared.has(name)) {
              await client.query(`PREPARE ${name} AS ${step.text}`)
              prepared.add(name)
            }
            rowsAt = parts.length
            const args = step.params.map((value) => sqlLiteral(value, quote))
            parts.push(args.length > 0 ? `EXECUTE ${name}(${args.join(', ')})` : `EXECUTE ${name}`)
          }
          let result: pg.QueryResult | pg.QueryResult[]
          try {
            result = (await client.query(parts.join('; '))) as unknown as pg.QueryResult | pg.QueryResult[]
          } catch (error) {
            // The server no longer knows a statement prepared here (someone ran DEALLOCATE or DISCARD): the
            // next batch on this connection prepares it again. This one is not retried, as its plain statements
            // (a lock) may already have taken effect.
            if ((error as { code?: string }).code === '26000') prepared.clear()
            throw error
          }
          const results = Array.isArray(result) ? result : [result]
          return (rowsAt >= 0 ? (results[rowsAt]?.rows ?? []) : []) as Row[]
        },
        literal: quote,
        get lost() {
          return lost
        },
        release(error) {
          client.off('error', onError)
          client.release(error)
        },
      }
    },
  }
}

export function pgliteSql(pglite: PGlite, onQuery?: (sql: string) => void): SqlClient {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      onQuery?.(text)
      const result = await pglite.query<Row>(text, [...params])
      return result.rows
    },
    async reserve() {
      return null
    },
  }
}
