/**
 * Vitest global setup: builds the PostgreSQL templates once when TEST_DATABASE_URL is set, under a name unique to
 * this run (workers inherit LAYAN_TEST_RUN), and drops them at the end.
 */
import { buildPostgresTemplates, dropPostgresTemplates } from './postgres-templates.ts'

export default async function setup(): Promise<() => Promise<void>> {
  process.env.LAYAN_TEST_RUN ??= `${process.pid}`
  const url = process.env.TEST_DATABASE_URL
  if (url) await buildPostgresTemplates(url)
  return async () => {
    if (url) await dropPostgresTemplates(url)
  }
}
