/**
 * Customers from the shop's own system, matched to the ones Layan has without ever handing someone else's
 * orders to a stranger: the phone number is what customers verify with, so
 *
 * - the shop's own id finds its record again (and may set or change its phone, unless another customer has it);
 * - a phone number finds the customer who has it;
 * - an email alone never changes a phone: the same email with another phone (or a phone where the held customer
 *   has none) becomes a customer of its own, and staff are told of the conflict instead.
 */
import type { Customer } from '../../generated/prisma/client.ts'
import { writeAudit } from '../audit.ts'
import type { Tx } from '../db-types.ts'
import { contentDigest, later, type SyncContext, type SyncResult, versionVerdict } from './context.ts'
import { queueIdentityConflict } from './notices.ts'
import type { CustomerRecord, OrderCustomer } from './records.ts'

/** A customer as the shop describes them: by its id, phone, email, or all three. */
interface Incoming {
  externalId: string | null
  name: string
  phone: string | null
  email: string | null
}

interface Match {
  customer: Customer
  /** Which key found it. */
  by: 'externalId' | 'phone' | 'email'
}

/** Finds the held customer the incoming one is, following the rules above; null when there is none. */
async function findMatch(
  tx: Tx,
  ctx: SyncContext,
  incoming: Incoming,
): Promise<{ match: Match | null; conflict: 'email_other_phone' | 'phone_taken' | null; other?: Customer }> {
  if (incoming.externalId) {
    const customer = await tx.customer.findUnique({
      where: { source_externalId: { source: ctx.source, externalId: incoming.externalId } },
    })
    if (customer) return { match: { customer, by: 'externalId' }, conflict: null }
  }
  if (incoming.phone) {
    const customer = await tx.customer.findUnique({ where: { phoneNumber: incoming.phone } })
    if (customer) {
      // Another record of the same system already has this phone: two of the shop's customers share it.
      const otherRecord =
        customer.source === ctx.source && customer.externalId !== null && customer.externalId !== incoming.externalId
      if (incoming.externalId && otherRecord) return { match: null, conflict: 'phone_taken', other: customer }
      return { match: { customer, by: 'phone' }, conflict: null }
    }
  }
  if (incoming.email) {
    const customer = await tx.customer.findFirst({
      where: { email: incoming.email },
      orderBy: { createdAt: 'asc' },
    })
    if (customer) {
      const samePhone = incoming.phone === null || incoming.phone === customer.phoneNumber
      if (!samePhone) return { match: null, conflict: 'email_other_phone', other: customer }
      return { match: { customer, by: 'email' }, conflict: null }
    }
  }
  return { match: null, conflict: null }
}

async function reportConflict(
  tx: Tx,
  ctx: SyncContext,
  incoming: Incoming,
  reason: 'email_other_phone' | 'phone_taken',
  other: Customer,
): Promise<void> {
  await queueIdentityConflict(tx, {
    source: ctx.source,
    externalId: incoming.externalId,
    name: incoming.name,
    email: incoming.email,
    phone: incoming.phone,
    existingCustomerId: other.id,
    existingName: other.name,
    existingPhone: other.phoneNumber,
    reason,
  })
  await writeAudit(tx, {
    actor: ctx.actor,
    action: 'shop.customer.identity_conflict',
    entity: 'Customer',
    entityId: other.id,
    data: { source: ctx.source, externalId: incoming.externalId, reason },
  })
}

/** The phone the customer may be given: only a free one (a conflict is told to staff and the phone left out). */
async function freePhone(tx: Tx, phone: string | null, selfId: string | null): Promise<string | null> {
  if (!phone) return null
  const holder = await tx.customer.findUnique({ where: { phoneNumber: phone }, select: { id: true } })
  return holder && holder.id !== selfId ? null : phone
}

/** Creates a customer of the shop's system (the phone left out when another customer has it). */
async function createCustomer(
  tx: Tx,
  ctx: SyncContext,
  incoming: Incoming,
  version: { updatedAt: Date; digest: string } | null,
): Promise<Customer> {
  const customer = await tx.customer.create({
    data: {
      name: incoming.name,
      phoneNumber: await freePhone(tx, incoming.phone, null),
      email: incoming.email,
      source: ctx.source,
      externalId: incoming.externalId,
      sourceUpdatedAt: version?.updatedAt ?? null,
      sourceHash: version?.digest ?? null,
    },
  })
  await writeAudit(tx, {
    actor: ctx.actor,
    action: 'shop.customer.created',
    entity: 'Customer',
    entityId: customer.id,
    data: { source: ctx.source, externalId: incoming.externalId },
  })
  return customer
}

/** Upserts a customer record (shop API, CSV, platform customers). */
export async function upsertCustomer(tx: Tx, ctx: SyncContext, record: CustomerRecord): Promise<SyncResult> {
  const incoming: Incoming = {
    externalId: record.externalId,
    name: record.name,
    phone: record.phone,
    email: record.email,
  }
  const digest = contentDigest(record)
  const { match, conflict, other } = await findMatch(tx, ctx, incoming)
  if (conflict && other) await reportConflict(tx, ctx, incoming, conflict, other)
  if (!match) {
    const created = await createCustomer(tx, ctx, incoming, { updatedAt: record.updatedAt, digest })
    return { outcome: 'created', id: created.id, ...(conflict ? { notices: [conflict] } : {}) }
  }
  const held = match.customer
  // A customer another system of the shop owns is matched (same phone) but keeps that system's id and version.
  const ours = held.source === null || held.source === ctx.source
  if (match.by === 'externalId') {
    const verdict = versionVerdict(held, record.updatedAt, digest)
    if (verdict) return { outcome: verdict, id: held.id }
  }

  const changes: string[] = []
  const data: Record<string, unknown> = {}
  if (record.name !== held.name) {
    data.name = record.name
    changes.push('name')
  }
  if (record.email !== null && record.email !== held.email) {
    data.email = record.email
    changes.push('email')
  }
  // Only the shop's own id (never an email) may set or change the phone customers verify with.
  if (match.by === 'externalId' && record.phone && record.phone !== held.phoneNumber) {
    const phone = await freePhone(tx, record.phone, held.id)
    if (phone) {
      data.phoneNumber = phone
      changes.push('phone')
    } else {
      const taken = await tx.customer.findUniqueOrThrow({ where: { phoneNumber: record.phone } })
      await reportConflict(tx, ctx, incoming, 'phone_taken', taken)
    }
  }
  if (ours) {
    if (held.externalId === null) {
      data.source = ctx.source
      data.externalId = record.externalId
      changes.push('externalId')
    }
    data.sourceUpdatedAt = later(held.sourceUpdatedAt, record.updatedAt)
    data.sourceHash = digest
  }
  await tx.customer.update({ where: { id: held.id }, data })
  if (changes.length === 0) return { outcome: 'unchanged', id: held.id }
  await writeAudit(tx, {
    actor: ctx.actor,
    action: 'shop.customer.updated',
    entity: 'Customer',
    entityId: held.id,
    data: { source: ctx.source, externalId: record.externalId, matchedBy: match.by, changes },
  })
  return { outcome: 'updated', id: held.id, changes }
}

/**
 * The customer an order names (by the shop's customer id, phone or email), created when Layan has none. A held
 * customer is not changed by an order: their record is the customer record's business.
 */
export async function resolveOrderCustomer(
  tx: Tx,
  ctx: SyncContext,
  ref: OrderCustomer,
): Promise<{ id: string; created: boolean }> {
  const incoming: Incoming = {
    externalId: ref.externalId ?? null,
    name: ref.name ?? ref.email ?? ref.phone ?? 'Pelanggan',
    phone: ref.phone,
    email: ref.email,
  }
  const { match, conflict, other } = await findMatch(tx, ctx, incoming)
  if (match) return { id: match.customer.id, created: false }
  if (conflict && other) await reportConflict(tx, ctx, incoming, conflict, other)
  const created = await createCustomer(tx, ctx, incoming, null)
  return { id: created.id, created: true }
}
