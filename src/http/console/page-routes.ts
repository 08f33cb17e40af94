/**
 * The console page (GET /console) and its assets (/console/static/*), including the chart library, served from
 * this server (no CDN: a shop's network may have no internet, and the page's CSP allows only this origin).
 */
import { createReadStream } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { projectPath } from '../../project-root.ts'

const require = createRequire(import.meta.url)

/** Chart.js's self-contained browser build, beside the package's CommonJS entry in node_modules/chart.js/dist. */
function chartLibraryPath(): string {
  return path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js')
}

export function pageRoutes() {
  return async (app: FastifyInstance): Promise<void> => {
    const root = projectPath('adapters', 'web', 'public', 'console')
    await app.register(fastifyStatic, { root, prefix: '/console/static/', index: false, decorateReply: false })
    app.get('/console', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(createReadStream(path.join(root, 'index.html'))),
    )
    app.get('/console/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console'))
    app.get('/console/vendor/chart.js', { schema: { hide: true } }, (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(createReadStream(chartLibraryPath())),
    )
  }
}
