/**
 * The sink of a command on this machine whose embedded database a running server holds (its only writer): every
 * call goes to that server's local control routes (src/http/shop-local-routes.ts), which apply it through the
 * server's own sink, so the records pass the same checks either way.
 */
import { z } from 'zod'
import type { DemoRemovalReport } from '../../src/services/demo-removal.ts'
import type { ItemResult } from '../../src/services/shop-sync/index.ts'
import type { ShopSink } from '../../src/services/shop-sync/sink.ts'

const itemResultSchema = z.looseObject({
  index: z.number().int(),
  type: z.enum(['product', 'customer', 'order', 'stock']),
  ref: z.string(),
  ok: z.boolean(),
})
const resultsSchema = z.object({ results: z.array(itemResultSchema) })
const backfillSchema = z.object({ state: z.record(z.string(), z.unknown()), done: z.boolean() })
const demoReportSchema = z.looseObject({
  dryRun: z.boolean(),
  removed: z.object({ orders: z.array(z.string()), customers: z.array(z.string()), products: z.array(z.string()) }),
  kept: z.array(z.object({ entity: z.enum(['Order', 'Customer', 'Product']), id: z.string(), reason: z.string() })),
  realRecords: z.number().int(),
})

export function remoteSink(control: { url: string; token: string }, fetchImpl: typeof fetch = fetch): ShopSink {
  async function post(path: string, body: unknown): Promise<unknown> {
    let response: Response
    try {
      response = await fetchImpl(`${control.url}/local/shop/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    } catch (error) {
      throw new Error(`the running server at ${control.url} did not answer (${(error as Error).message})`)
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '')
      throw new Error(`the running server at ${control.url} answered HTTP ${response.status} ${text.slice(0, 300)}`)
    }
    return response.json()
  }
  return {
    where: control.url,
    async applyInputs(inputs, options) {
      return resultsSchema.parse(await post('apply', { inputs, ...options })).results as ItemResult[]
    },
    async applyStockLevels(levels, options) {
      await post('stock-levels', { levels, ...options })
    },
    async backfillState(source) {
      return backfillSchema.parse(await post('backfill/read', { source }))
    },
    async saveBackfill(source, state, done) {
      await post('backfill/save', { source, state, done })
    },
    async reportFailure(source, message) {
      await post('failure', { source, message })
    },
    async removeDemo(dryRun) {
      return demoReportSchema.parse(await post('demo-remove', { dryRun })) as DemoRemovalReport
    },
  }
}
