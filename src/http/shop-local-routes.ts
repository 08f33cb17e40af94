/**
 * The running server's half of the commands that load the shop's data on this machine (`npm run import`,
 * `npm run sync`, `npm run demo:remove`): mounted under the local control routes (local-control.ts), so only a
 * command on this machine holding the server's token reaches them. They apply through the server's own sink, so
 * the embedded database keeps one writer.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { shopSources } from '../services/shop-sync/context.ts'
import { type ShopSink, stockLevelInputSchema } from '../services/shop-sync/sink.ts'
import { localRouteOptions } from './local-control.ts'
import type { HttpRouteHook } from './server.ts'

const source = z.enum(shopSources)
const options = { source, actor: z.string().min(1).max(100), dryRun: z.boolean().optional() }
const applySchema = z.object({
  inputs: z.array(z.object({ type: z.enum(['product', 'customer', 'order', 'stock']), data: z.unknown() })).max(2000),
  ...options,
})
const levelsSchema = z.object({ levels: z.array(stockLevelInputSchema).max(5000), ...options })
const sourceSchema = z.object({ source })
const saveSchema = z.object({ source, state: z.record(z.string(), z.unknown()), done: z.boolean() })
const failureSchema = z.object({ source, message: z.string().max(2000) })
const demoSchema = z.object({ dryRun: z.boolean() })

/** Big enough for 2,000 orders of a CSV chunk or a platform page. */
const bodyLimit = 32 * 1024 * 1024

/** `sink` is the server's own local sink. */
export function shopLocalRoutes(sink: ShopSink): HttpRouteHook {
  return (app: FastifyInstance) => {
    app.post('/shop/apply', { ...localRouteOptions(applySchema), bodyLimit }, async (request) => {
      const body = request.body as z.infer<typeof applySchema>
      const results = await sink.applyInputs(body.inputs, {
        source: body.source,
        actor: body.actor,
        dryRun: body.dryRun ?? false,
      })
      return { results }
    })
    app.post('/shop/stock-levels', { ...localRouteOptions(levelsSchema), bodyLimit }, async (request) => {
      const body = request.body as z.infer<typeof levelsSchema>
      await sink.applyStockLevels(body.levels, { source: body.source, actor: body.actor })
      return { ok: true }
    })
    app.post('/shop/backfill/read', localRouteOptions(sourceSchema), async (request) => {
      return sink.backfillState((request.body as z.infer<typeof sourceSchema>).source)
    })
    app.post('/shop/backfill/save', localRouteOptions(saveSchema), async (request) => {
      const body = request.body as z.infer<typeof saveSchema>
      await sink.saveBackfill(body.source, body.state, body.done)
      return { ok: true }
    })
    app.post('/shop/failure', localRouteOptions(failureSchema), async (request) => {
      const body = request.body as z.infer<typeof failureSchema>
      await sink.reportFailure(body.source, body.message)
      return { ok: true }
    })
    app.post('/shop/demo-remove', localRouteOptions(demoSchema), async (request) => {
      return sink.removeDemo((request.body as z.infer<typeof demoSchema>).dryRun)
    })
  }
}
