/**
 * The demo shop's own payment page, so the whole payment-link loop can be tried with `npm start` alone:
 * `GET /pay/demo/:token` shows the order and a "pay" button; `POST /pay/demo/:token` settles the attempt
 * through paymentLinks.settleDemo, the same recordGatewayStatus path a real Midtrans settlement takes, so the
 * customer is told "paid" in their channel once. Mounted only when no Midtrans key is set, and it only knows the
 * demo gateway's links for the demo shop's orders: it marks orders paid without money.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { formatDateTime, formatRupiah } from '../i18n/format.ts'
import type { Services } from '../services/index.ts'

export interface DemoPaymentDeps {
  services: Pick<Services, 'paymentLinks'>
  shopName: string
  now?: () => Date
}

const params = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/) })

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

function page(title: string, body: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#222}button{font-size:1.1rem;padding:.7rem 1.4rem;border:0;border-radius:.5rem;background:#0a7d32;color:#fff;cursor:pointer}.note{color:#8a5a00;background:#fff6e0;padding:.6rem;border-radius:.4rem}</style></head><body>${body}</body></html>`
}

export function demoPaymentRoutes(deps: DemoPaymentDeps): FastifyPluginAsyncZod {
  const now = deps.now ?? (() => new Date())
  return async (app) => {
    // The page's "pay" button is a plain HTML form: browsers post it as a (here empty) urlencoded form.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, _body, done) => done(null, {}),
    )
    app.get('/pay/demo/:token', { schema: { hide: true, params } }, async (request, reply) => {
      const link = await deps.services.paymentLinks.demoLink(request.params.token)
      reply.type('text/html; charset=utf-8')
      if (!link) return reply.code(404).send(page('Tidak ditemukan', '<h1>Link pembayaran tidak ditemukan</h1>'))
      const order = link.order.orderNumber
      const head = `<h1>${escapeHtml(deps.shopName)}</h1><p>Pesanan <strong>${escapeHtml(order)}</strong></p><p>Total: <strong>${formatRupiah(link.amount)}</strong></p>`
      if (link.status === 'PAID') return page(order, `${head}<p id="status">✅ Sudah dibayar.</p>`)
      if (link.status !== 'ACTIVE' || link.expiresAt <= now()) {
        return page(order, `${head}<p id="status">Link ini sudah tidak berlaku.</p>`)
      }
      return page(
        order,
        `${head}<p>Berlaku sampai ${escapeHtml(formatDateTime(link.expiresAt, 'id'))}.</p><p class="note">Halaman pembayaran demo: tidak ada uang yang berpindah.</p><form method="post"><button id="pay" type="submit">Bayar ${formatRupiah(link.amount)}</button></form>`,
      )
    })

    app.post('/pay/demo/:token', { schema: { hide: true, params } }, async (request, reply) => {
      const settled = await deps.services.paymentLinks.settleDemo(request.params.token)
      reply.type('text/html; charset=utf-8')
      if (!settled) return reply.code(404).send(page('Tidak ditemukan', '<h1>Link pembayaran tidak ditemukan</h1>'))
      const order = settled.link.order.orderNumber
      if (!settled.result) return reply.code(409).send(page(order, '<p id="status">Link ini sudah tidak berlaku.</p>'))
      return page(
        order,
        `<h1>${escapeHtml(deps.shopName)}</h1><p id="status">✅ Pembayaran ${escapeHtml(order)} diterima.</p>`,
      )
    })
  }
}
