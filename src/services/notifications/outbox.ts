/**
 * The outbox worker: delivers the Notification rows services queue (payment received, parcel moved, staff
 * answers, rating requests, low stock, hand-off news) through the senders of the channels that are on.
 *
 * Claiming: one statement picks due PENDING rows with `FOR UPDATE SKIP LOCKED` and, in the same statement, pushes
 * their `nextAttemptAt` one lease ahead. Two instances therefore never claim the same row, and a row whose
 * worker died is picked up again once the lease runs out. (PGlite runs the same SQL in one process.)
 *
 * Per row: customer rows go to the conversation's chat when the payload names one (hand-off answers), else to
 * the customer's reachable identities (an external chat id, a registered sender), newest first, until one
 * send succeeds; staff rows go to every StaffSender. Success marks the row SENT exactly once (the update is
 * conditional on our lease); a failure counts an attempt and retries with exponential backoff, FAILED after
 * `maxAttempts`. A row that cannot be rendered is FAILED at once, and so is one no channel of the customer can take
 * now (every sender threw NotDeliverable, e.g. WhatsApp outside its 24-hour window without a template): staff are
 * then told, with the message's text, so a person can pass it on.
 *
 * Task rows (audience "task") are work for a gateway rather than messages, such as asking for a refund again:
 * the registered `OutboxTask` of their kind runs them with the same claiming, backoff and exactly-once marking,
 * and after its last failed try the row is FAILED together with a staff alert, in one transaction.
 *
 * @example
 * const outbox = createOutboxWorker({ prisma, log, shopName: 'UrbanStyle ID' })
 * outbox.addChannelSender(telegramSender)
 * outbox.start()
 */

import type { Locale, Reply } from '../../core/types.ts'
import type { Db } from '../../db/client.ts'
import type { Notification } from '../../generated/prisma/client.ts'
import type { Channel } from '../../generated/prisma/enums.ts'
import type { Logger } from '../../logger.ts'
import { explicitTargetOf, renderCustomerNotification, renderStaffNotification } from './render-notification.ts'
import { type ChannelSender, NotDeliverable, type NotificationTarget, type StaffSender } from './types.ts'

/**
 * A target as the outbox passes it: also the sender's user id, so a channel can fall back to the private chat
 * when the identity's last chat was a group (Telegram: the private chat id is the user id).
 */
export interface OutboxTarget extends NotificationTarget {
  externalUserId?: string
}

/** Work the outbox retries for a row of audience "task" and this kind (see refund-task.ts). */
export interface OutboxTask {
  kind: string
  /** Does the work; throws to be tried again later. */
  run(payload: unknown): Promise<void>
  /** Tries before the row is FAILED (default: the worker's maxAttempts). */
  maxAttempts?: number
  /** Delay before try `attempts + 1` (default: the worker's backoff). */
  backoffMs?: (attempts: number) => number
  /** The staff alert queued with the FAILED row after the last try, or null for none. */
  alertOnGiveUp?(payload: unknown, attempts: number, lastError: string): { kind: string; payload: object } | null
}

export interface OutboxOptions {
  prisma: Db
  log: Logger
  now?: () => Date
  senders?: ChannelSender[]
  staffSenders?: StaffSender[]
  tasks?: OutboxTask[]
  shopName?: string
  /** The language of staff messages (default 'id'). */
  staffLocale?: Locale
  /** Pause between polls when there was nothing (more) to do (default 2000 ms). */
  pollIntervalMs?: number
  /** Rows claimed per statement (default 20). */
  batchSize?: number
  /** How long a claimed row stays invisible to other workers (default 2 minutes). */
  leaseMs?: number
  /** Attempts before a row is FAILED (default 6). */
  maxAttempts?: number
  /** Delay before attempt `attempts + 1` (default 30 s doubling, at most 1 hour). */
  backoffMs?: (attempts: number) => number
  /** Told of each row this worker marked FAILED (error reports). */
  onFailed?: (row: { id: string; kind: string; audience: string; attempts: number; lastError: string }) => void
}

export interface OutboxRunResult {
  claimed: number
  sent: number
  retried: number
  failed: number
}

export interface OutboxWorker {
  /** Polls until `stop()`. */
  start(): void
  /** Stops polling and waits for the pass in progress. */
  stop(): Promise<void>
  /** One pass over the due rows (also a "kick" after queueing something urgent); passes never overlap. */
  runOnce(): Promise<OutboxRunResult>
  addChannelSender(sender: ChannelSender): void
  addStaffSender(sender: StaffSender): void
  addTask(task: OutboxTask): void
  /** Sends to every staff channel at once, without the database (the alert that the database is unreachable). */
  sendToStaffNow(reply: Reply): Promise<void>
}

const defaultBackoff = (attempts: number) => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1))

function asLocale(value: string | null | undefined): Locale | null {
  return value === 'id' || value === 'en' ? value : null
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.slice(0, 500)
}

class Permanent extends Error {}

/** No channel of the customer can take the message now (see NotDeliverable); retrying would not help. */
class Undeliverable extends Permanent {
  constructor(
    message: string,
    readonly refusals: NotDeliverable[],
    readonly reply: Reply,
  ) {
    super(message)
  }
}

export function createOutboxWorker(options: OutboxOptions): OutboxWorker {
  const { prisma, log } = options
  const now = options.now ?? (() => new Date())
  const senders = new Map<Channel, ChannelSender>()
  const staffSenders: StaffSender[] = [...(options.staffSenders ?? [])]
  for (const sender of options.senders ?? []) senders.set(sender.channel, sender)
  const tasks = new Map<string, OutboxTask>()
  for (const task of options.tasks ?? []) tasks.set(task.kind, task)
  const shopName = options.shopName ?? 'UrbanStyle ID'
  const staffLocale = options.staffLocale ?? 'id'
  const pollIntervalMs = options.pollIntervalMs ?? 2000
  const batchSize = options.batchSize ?? 20
  const leaseMs = options.leaseMs ?? 120_000
  const maxAttempts = options.maxAttempts ?? 6
  const backoffMs = options.backoffMs ?? defaultBackoff

  /** Claims due rows and returns them with the lease that marks them as ours. */
  async function claim(): Promise<{ rows: Notification[]; lease: Date }> {
    const at = now()
    const lease = new Date(at.getTime() + leaseMs)
    const claimed = await prisma.$queryRaw<{ id: string }[]>`
      UPDATE "Notification" SET "nextAttemptAt" = ${lease}
      WHERE "id" IN (
        SELECT "id" FROM "Notification"
        WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${at}
        ORDER BY "nextAttemptAt", "createdAt"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id"`
    if (claimed.length === 0) return { rows: [], lease }
    const rows = await prisma.notification.findMany({
      where: { id: { in: claimed.map((r) => r.id) } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    })
    return { rows, lease }
  }

  async function customerTargets(row: Notification): Promise<OutboxTarget[]> {
    const explicit = explicitTargetOf(row.payload)
    if (explicit) {
      return [
        {
          channel: explicit.channel,
          externalChatId: explicit.externalChatId,
          locale: explicit.locale ?? 'id',
          ...(explicit.externalUserId ? { externalUserId: explicit.externalUserId } : {}),
        },
      ]
    }
    if (!row.customerId) return []
    const identities = await prisma.channelIdentity.findMany({
      where: { customerId: row.customerId, externalChatId: { not: null }, channel: { in: [...senders.keys()] } },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      select: {
        channel: true,
        externalChatId: true,
        externalUserId: true,
        locale: true,
        customer: { select: { locale: true } },
        conversations: { orderBy: { updatedAt: 'desc' }, take: 1, select: { locale: true } },
      },
    })
    return identities.map((identity) => ({
      channel: identity.channel,
      externalChatId: identity.externalChatId as string,
      externalUserId: identity.externalUserId,
      // The language they last wrote in, else their app's language, else the customer's.
      locale:
        asLocale(identity.conversations[0]?.locale) ??
        asLocale(identity.locale) ??
        asLocale(identity.customer?.locale) ??
        'id',
    }))
  }

  async function deliverToCustomer(row: Notification): Promise<void> {
    const targets = await customerTargets(row)
    if (targets.length === 0) throw new Error('the customer has no reachable chat')
    const errors: string[] = []
    const refusals: NotDeliverable[] = []
    let lastReply: Reply | null = null
    let retryable = false
    for (const target of targets) {
      const reply: Reply | null = renderCustomerNotification(row.kind, row.payload, target.locale, { shopName })
      if (!reply) throw new Permanent(`cannot render kind "${row.kind}"`)
      lastReply = reply
      const sender = senders.get(target.channel)
      if (!sender) {
        errors.push(`${target.channel}: no sender`)
        continue
      }
      try {
        await sender.send(target, reply, { id: row.id, kind: row.kind, payload: row.payload })
        return
      } catch (error) {
        if (error instanceof NotDeliverable) refusals.push(error)
        else retryable = true
        errors.push(`${target.channel}: ${errorText(error)}`)
      }
    }
    if (!retryable && refusals.length > 0 && lastReply) throw new Undeliverable(errors.join('; '), refusals, lastReply)
    throw new Error(errors.join('; '))
  }

  /** Staff hear about a customer message no channel could take, with its text, so a person can pass it on. */
  async function tellStaff(row: Notification, error: Undeliverable): Promise<void> {
    const refusal = error.refusals.find((r) => r.tellStaff)
    if (!refusal) return
    const customer = row.customerId
      ? await prisma.customer.findUnique({ where: { id: row.customerId }, select: { name: true } })
      : null
    await prisma.notification.create({
      data: {
        customerId: row.customerId,
        audience: 'admin',
        kind: 'customer_unreachable',
        payload: {
          channel: refusal.channel,
          reason: refusal.reason,
          notificationKind: row.kind,
          customerName: customer?.name ?? null,
          contact: refusal.contact ?? null,
          text: error.reply.text.slice(0, 1500),
        },
      },
    })
  }

  async function deliverToStaff(row: Notification): Promise<void> {
    const reply = renderStaffNotification(row.kind, row.payload, staffLocale)
    if (!reply) throw new Permanent(`cannot render kind "${row.kind}"`)
    if (staffSenders.length === 0) throw new Permanent('no staff channel is configured')
    const results = await Promise.allSettled(staffSenders.map((sender) => sender.sendToStaff(reply)))
    const failures = results.flatMap((result, i) =>
      result.status === 'rejected' ? [`${staffSenders[i]?.channel}: ${errorText(result.reason)}`] : [],
    )
    // One staff channel that got it is enough: retrying would repeat it on the others.
    if (failures.length === results.length) throw new Error(failures.join('; '))
    if (failures.length > 0) log.warn({ notificationId: row.id, failures }, 'a staff channel missed a notification')
  }

  async function runTask(row: Notification): Promise<void> {
    const task = tasks.get(row.kind)
    if (!task) throw new Permanent(`no task "${row.kind}" is registered`)
    await task.run(row.payload)
  }

  /** Marks a failed row FAILED, with the task's staff alert in the same transaction; 1 when this worker did. */
  async function giveUp(row: Notification, where: object, attempts: number, lastError: string): Promise<number> {
    const alert =
      row.audience === 'task' ? tasks.get(row.kind)?.alertOnGiveUp?.(row.payload, attempts, lastError) : null
    return prisma
      .$transaction(async (tx) => {
        const { count } = await tx.notification.updateMany({ where, data: { status: 'FAILED', attempts, lastError } })
        if (count === 1 && alert) {
          await tx.notification.create({ data: { audience: 'admin', kind: alert.kind, payload: alert.payload } })
        }
        return count
      })
      .then((count) => {
        if (count === 1) options.onFailed?.({ id: row.id, kind: row.kind, audience: row.audience, attempts, lastError })
        return count
      })
  }

  /** Settles one claimed row; the updates only apply while the row is still ours (our lease). */
  async function settle(row: Notification, lease: Date): Promise<'sent' | 'retried' | 'failed'> {
    const ours = { id: row.id, status: 'PENDING' as const, nextAttemptAt: lease }
    try {
      if (row.audience === 'task') await runTask(row)
      else if (row.audience === 'admin') await deliverToStaff(row)
      else await deliverToCustomer(row)
    } catch (error) {
      const attempts = row.attempts + 1
      const task = row.audience === 'task' ? tasks.get(row.kind) : undefined
      const final = error instanceof Permanent || attempts >= (task?.maxAttempts ?? maxAttempts)
      const lastError = errorText(error)
      let settled: number
      if (final) settled = await giveUp(row, ours, attempts, lastError)
      else {
        const delay = (task?.backoffMs ?? backoffMs)(attempts)
        const { count } = await prisma.notification.updateMany({
          where: ours,
          data: { attempts, lastError, nextAttemptAt: new Date(now().getTime() + delay) },
        })
        settled = count
      }
      log.warn({ notificationId: row.id, kind: row.kind, attempts, final, err: error }, 'notification not delivered')
      // Only the worker that settled the row tells staff, so a lease that ran out cannot tell them twice.
      if (error instanceof Undeliverable && settled === 1) {
        await tellStaff(row, error).catch((staffError: unknown) =>
          log.error({ err: staffError, notificationId: row.id }, 'staff not told of an undeliverable notification'),
        )
      }
      return final ? 'failed' : 'retried'
    }
    const { count } = await prisma.notification.updateMany({
      where: ours,
      data: { status: 'SENT', sentAt: now(), attempts: row.attempts + 1, lastError: null },
    })
    if (count === 0) log.warn({ notificationId: row.id }, 'notification sent after its lease ran out')
    log.debug({ notificationId: row.id, kind: row.kind }, 'notification sent')
    return 'sent'
  }

  /** Gives claimed rows back (their lease ends now), unless another worker took them over meanwhile. */
  async function release(rows: Notification[], lease: Date): Promise<void> {
    await prisma.notification.updateMany({
      where: { id: { in: rows.map((row) => row.id) }, status: 'PENDING', nextAttemptAt: lease },
      data: { nextAttemptAt: now() },
    })
  }

  async function pass(): Promise<OutboxRunResult> {
    const result: OutboxRunResult = { claimed: 0, sent: 0, retried: 0, failed: 0 }
    for (;;) {
      const { rows, lease } = await claim()
      result.claimed += rows.length
      for (const [i, row] of rows.entries()) {
        // Stopping: the row in hand finishes; the rest of the batch is released for another worker at once.
        if (stopRequested) {
          await release(rows.slice(i), lease)
          return result
        }
        result[await settle(row, lease)]++
      }
      if (rows.length < batchSize || stopRequested) return result
    }
  }

  let running: Promise<OutboxRunResult> | null = null
  let queued: Promise<OutboxRunResult> | null = null
  let timer: NodeJS.Timeout | null = null
  let stopped = true
  let stopRequested = false

  function startPass(): Promise<OutboxRunResult> {
    const current = pass().finally(() => {
      if (running === current) running = null
    })
    running = current
    return current
  }

  function runOnce(): Promise<OutboxRunResult> {
    if (queued) return queued
    if (!running) return startPass()
    const next = running
      .catch(() => undefined)
      .then(() => {
        queued = null
        return startPass()
      })
    queued = next
    return next
  }

  function schedule(): void {
    if (stopped) return
    timer = setTimeout(() => {
      timer = null
      runOnce()
        .catch((error: unknown) => log.error({ err: error }, 'outbox pass failed'))
        .finally(schedule)
    }, pollIntervalMs)
    timer.unref?.()
  }

  return {
    start() {
      if (!stopped) return
      stopped = false
      stopRequested = false
      schedule()
    },
    async stop() {
      stopped = true
      stopRequested = true
      if (timer) clearTimeout(timer)
      timer = null
      await Promise.allSettled([running, queued].filter(Boolean))
    },
    runOnce,
    addChannelSender(sender) {
      senders.set(sender.channel, sender)
    },
    addStaffSender(sender) {
      staffSenders.push(sender)
    },
    addTask(task) {
      tasks.set(task.kind, task)
    },
    async sendToStaffNow(reply) {
      // Sent without a row (the database is down), so the console, which lists rows, cannot show it.
      const chats = staffSenders.filter((sender) => sender.channel !== 'console')
      const results = await Promise.allSettled(chats.map((sender) => sender.sendToStaff(reply)))
      if (results.length > 0 && results.every((result) => result.status === 'rejected'))
        throw new Error('no staff channel took the message')
    },
  }
}
