/**
 * Returns and exchanges from the console, through the same service as the /return commands: the list (by status),
 * one request with its items and photos, each photo's bytes, and the staff steps (approve, reject with a reason,
 * parcel received, replacement shipped with its waybill, manual refund paid). Staff and the owner may act; the
 * service checks the state and audits each step as `console:<user id>`. The full refund account number is the
 * owner's alone, revealed on request and audited; everyone else sees the masked one.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { Carrier, ReturnStatus } from '../../generated/prisma/enums.ts'
import { consoleActor } from '../../services/console/accounts.ts'
import type { ConsoleSessions } from '../../services/console/sessions.ts'
import type { ReturnService } from '../../services/returns/service.ts'
import { HttpError } from '../errors.ts'
import { principalOf, requireSession } from './auth.ts'

export interface ReturnRouteDeps {
  sessions: ConsoleSessions
  returns: Pick<
    ReturnService,
    'list' | 'get' | 'photo' | 'approve' | 'reject' | 'receive' | 'shipReplacement' | 'markRefunded' | 'revealAccount'
  >
  /** Kicks the outbox after a step queued the customer's notice. */
  notify?: () => void
}

const tags = ['console']
const statuses = Object.keys(ReturnStatus) as [ReturnStatus, ...ReturnStatus[]]
const listQuery = z.object({
  // One status, several separated by commas, or 'open' (what staff still act on).
  status: z.string().max(200).optional(),
})
const numberParams = z.object({ number: z.string().min(1).max(80) })
const photoParams = numberParams.extend({ photoId: z.string().min(1).max(64) })
const rejectBody = z.object({ reason: z.string().trim().min(2).max(500) })
const shipBody = z.object({
  carrier: z.enum(Object.keys(Carrier) as [Carrier, ...Carrier[]]),
  trackingNumber: z.string().trim().min(4).max(40),
})
const openStatuses: ReturnStatus[] = ['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUND_PENDING']

function statusFilter(raw: string | undefined): ReturnStatus[] | undefined {
  if (!raw) return undefined
  if (raw === 'open') return openStatuses
  const wanted = raw.split(',').map((s) => s.trim().toUpperCase())
  const unknown = wanted.filter((s) => !(statuses as string[]).includes(s))
  if (unknown.length > 0)
    throw new HttpError(400, 'invalid_input', `status: one of ${statuses.join(', ')} or 'open'`, 'status')
  return statuses.filter((s) => wanted.includes(s))
}

export function returnRoutes(deps: ReturnRouteDeps) {
  const signedIn = requireSession(deps.sessions)
  const ownerOnly = requireSession(deps.sessions, { role: 'owner' })

  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/console/api/returns',
      {
        schema: {
          tags,
          summary: "Return and exchange requests, newest first; status: one, several (comma-separated) or 'open'",
          querystring: listQuery,
        },
        preHandler: signedIn,
      },
      async (request) => {
        const { status } = request.query as z.infer<typeof listQuery>
        const filter = statusFilter(status)
        return { returns: await deps.returns.list(filter ? { status: filter } : {}) }
      },
    )

    app.get(
      '/console/api/returns/:number',
      {
        schema: { tags, summary: 'One request: items, reason, refund (account masked), photos', params: numberParams },
        preHandler: signedIn,
      },
      async (request) => {
        const { number } = request.params as z.infer<typeof numberParams>
        return { return: await deps.returns.get(number) }
      },
    )

    app.get(
      '/console/api/returns/:number/photos/:photoId',
      {
        schema: { tags, summary: "A request's photo, as the customer sent it", params: photoParams },
        preHandler: signedIn,
      },
      async (request, reply) => {
        const { number, photoId } = request.params as z.infer<typeof photoParams>
        const photo = await deps.returns.photo(number, photoId)
        // Only image types are served as such; anything else stored is offered as bytes, never rendered.
        const mime = /^image\/(jpeg|png|webp|gif)$/.test(photo.mime) ? photo.mime : 'application/octet-stream'
        return reply
          .header('content-type', mime)
          .header('cache-control', 'private, max-age=300')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'")
          .send(Buffer.from(photo.data))
      },
    )

    app.post(
      '/console/api/returns/:number/account/reveal',
      {
        schema: { tags, summary: 'The refund account number in clear (owner; audited)', params: numberParams },
        preHandler: ownerOnly,
      },
      async (request) => {
        const { number } = request.params as z.infer<typeof numberParams>
        return deps.returns.revealAccount(number, consoleActor(principalOf(request)))
      },
    )

    const step = (
      name: string,
      summary: string,
      run: (number: string, actor: string, body: unknown) => Promise<unknown>,
      body?: z.ZodType,
    ) =>
      app.post(
        `/console/api/returns/:number/${name}`,
        { schema: { tags, summary, params: numberParams, ...(body ? { body } : {}) }, preHandler: signedIn },
        async (request) => {
          const { number } = request.params as z.infer<typeof numberParams>
          const result = await run(number, consoleActor(principalOf(request)), request.body)
          deps.notify?.()
          return { return: result }
        },
      )

    step('approve', 'Approve; the customer is told where to send the parcel and by when', (n, actor) =>
      deps.returns.approve(n, actor),
    )
    step(
      'reject',
      "Reject with a reason; an exchange's reserved size goes back to stock",
      (n, actor, body) => deps.returns.reject(n, (body as z.infer<typeof rejectBody>).reason, actor),
      rejectBody,
    )
    step('received', 'The parcel arrived: stock back, the refund starts', (n, actor) => deps.returns.receive(n, actor))
    step(
      'ship',
      "Ship an exchange's replacement as a second shipment of the order",
      (n, actor, body) => deps.returns.shipReplacement(n, body as z.infer<typeof shipBody>, actor),
      shipBody,
    )
    step('refunded', 'A transfer refund was paid by staff; the customer is told', (n, actor) =>
      deps.returns.markRefunded(n, actor),
    )
  }
}
