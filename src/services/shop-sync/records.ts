/**
 * The records a shop's own system sends Layan, whichever way they come (the shop API, a CSV file, the WooCommerce
 * and Shopify connectors): one zod schema each, so every door checks the same rules and reports the failing field.
 * Each record carries the shop's `updatedAt`; an older one never overwrites a newer one.
 *
 * Words Layan may not know (order and payment statuses, payment methods, couriers) are free text here and mapped to
 * the nearest known value when applied (vocabulary.ts).
 */
import { z } from 'zod'
import { normalizePhone } from '../phone.ts'

// C0 controls and DEL, except tab, line feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !controlCharacters.test(v), 'must not contain control characters')
const requiredText = (max: number) => text(max).min(1, 'must not be empty')
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v ? v : null))

/** The shop's own id of a record: letters, digits and `_ . : @ / # -`. */
export const externalIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[\w.:@/#-]+$/, 'may only contain letters, digits and _ . : @ / # -')

/** A time with its offset ("2026-12-07T10:00:00Z", "2026-12-07T17:00:00+07:00"), as a Date. */
export const timeSchema = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 time with a time zone, e.g. 2026-12-07T10:00:00Z' })
  .transform((v) => new Date(v))

const rupiah = z.number().int('must be whole Rupiah').min(0).max(10_000_000_000)
const count = z.number().int().min(0).max(1_000_000)

/**
 * A SKU as the shop writes it; stored upper-case, so lookups by SKU do not depend on case.
 * @example skuSchema.parse(' kaos-hitam-m ') // 'KAOS-HITAM-M'
 */
export const skuSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/+-]*$/, 'may only contain letters, digits and . _ / + - (starting with one)')
  .transform((v) => v.toUpperCase())

/** An Indonesian mobile number in any usual form, stored as +62…; empty or absent is null. */
export const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .nullish()
  .transform((v, ctx) => {
    if (!v) return null
    const phone = normalizePhone(v)
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'must be an Indonesian mobile number such as 0812… or +62812…' })
      return z.NEVER
    }
    return phone
  })

export const emailSchema = z
  .string()
  .trim()
  .max(200)
  .nullish()
  .transform((v) => (v ? v.toLowerCase() : null))
  .refine((v) => v === null || z.email().safeParse(v).success, 'must be an email address')

/**
 * An order number as the customer knows it: "5001", "#1001" (stored without the "#"), "INV/2026/001".
 * @example orderNumberSchema.parse('#1001') // '1001'
 */
export const orderNumberSchema = z
  .string()
  .trim()
  .max(65)
  .transform((v) => v.replace(/^#\s*/, ''))
  .pipe(
    z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'may only contain letters, digits and . _ / - (an optional # first)'),
  )

export const variantSchema = z.object({
  sku: skuSchema,
  size: optionalText(40).describe('Size ("M", "42"); "All Size" when the product has none'),
  colour: optionalText(60),
  stock: count.describe('Units in stock now'),
  price: rupiah.nullish().describe("The variant's own price when it differs from the product's"),
  externalId: externalIdSchema.nullish().describe("The variant's id in the shop's system"),
  stockItemId: externalIdSchema.nullish().describe('The inventory item its stock levels name (Shopify)'),
})

export const productRecordSchema = z.object({
  productId: externalIdSchema.describe("The product's id in the shop's system"),
  name: requiredText(200),
  nameEn: optionalText(200),
  description: optionalText(5000),
  category: optionalText(100),
  price: rupiah.describe('Unit price in Rupiah'),
  weight: z.number().int().min(0).max(1_000_000).nullish().describe('Shipping weight in grams'),
  active: z.boolean().default(true),
  variants: z.array(variantSchema).max(200).default([]),
  updatedAt: timeSchema,
})
export type ProductRecord = z.infer<typeof productRecordSchema>

export const customerRecordSchema = z.object({
  externalId: externalIdSchema.describe("The customer's id in the shop's system"),
  name: requiredText(200),
  phone: phoneSchema,
  email: emailSchema,
  updatedAt: timeSchema,
})
export type CustomerRecord = z.infer<typeof customerRecordSchema>

/** Who placed an order: the shop's customer id, phone or email (at least one), and a name for a new customer. */
export const orderCustomerSchema = z
  .object({
    externalId: externalIdSchema.nullish(),
    name: optionalText(200),
    phone: phoneSchema,
    email: emailSchema,
  })
  .refine((c) => c.externalId || c.phone || c.email, 'needs externalId, phone or email')
export type OrderCustomer = z.infer<typeof orderCustomerSchema>

export const orderItemSchema = z.object({
  sku: skuSchema.nullish().describe('Unknown SKUs are kept by name, SKU and price'),
  name: requiredText(200),
  size: optionalText(40),
  quantity: z.number().int().min(1).max(100_000),
  price: rupiah.describe('Unit price in Rupiah'),
})

export const orderPaymentSchema = z.object({
  method: requiredText(100).describe('bank_transfer, e_wallet, credit_card, cod, or the shop\'s own name ("bacs")'),
  status: requiredText(60).describe('PENDING, COMPLETED (or "paid"), FAILED, EXPIRED, CANCELLED, REFUNDED, ...'),
  amount: rupiah.nullish().describe('Defaults to the order total'),
  provider: optionalText(60),
  paidAt: timeSchema.nullish(),
  transactionId: optionalText(128),
})

export const shipmentSchema = z.object({
  carrier: requiredText(100).describe('jne, jnt, sicepat, ... or the courier\'s name ("Ninja Xpress")'),
  waybill: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4-40 letters, digits or dashes')
    .transform((v) => v.toUpperCase()),
  status: optionalText(60).describe("IN_TRANSIT, DELIVERED, ... or the courier's word; default from the order"),
  shippedAt: timeSchema.nullish(),
  deliveredAt: timeSchema.nullish(),
  externalId: externalIdSchema.nullish().describe("The shipment's id in the shop's system"),
})

export const orderRecordSchema = z.object({
  orderNumber: orderNumberSchema,
  externalId: externalIdSchema.nullish().describe("The order's id in the shop's system (default: its number)"),
  customer: orderCustomerSchema,
  status: requiredText(60).describe("PENDING, PROCESSING, SHIPPED, DELIVERED, CANCELLED or the shop's own word"),
  items: z.array(orderItemSchema).min(1).max(500),
  subtotal: rupiah.nullish().describe('Default: the sum of the items'),
  shippingCost: rupiah.default(0),
  total: rupiah,
  shippingAddress: optionalText(500),
  shippingMethod: optionalText(100),
  cancelReason: optionalText(500),
  payment: orderPaymentSchema.nullish(),
  shipments: z.array(shipmentSchema).max(20).default([]),
  createdAt: timeSchema.nullish(),
  updatedAt: timeSchema,
})
export type OrderRecord = z.infer<typeof orderRecordSchema>

export const stockRecordSchema = z
  .object({
    sku: skuSchema,
    quantity: count.nullish().describe('Set the count to this'),
    adjust: z.number().int().min(-1_000_000).max(1_000_000).nullish().describe('Or change it by this much'),
    reason: requiredText(200),
    movementId: externalIdSchema.nullish().describe('Required with adjust: the same id is applied once'),
    updatedAt: timeSchema.nullish().describe('With quantity: a count older than the one held is not applied'),
  })
  .superRefine((r, ctx) => {
    const set = r.quantity !== null && r.quantity !== undefined
    const adjust = r.adjust !== null && r.adjust !== undefined
    if (set === adjust) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'give either quantity or adjust' })
    if (adjust && !r.movementId) {
      ctx.addIssue({ code: 'custom', path: ['movementId'], message: 'required with adjust (repeats apply once)' })
    }
  })
export type StockRecord = z.infer<typeof stockRecordSchema>

/** One record of any kind, as a batch or an import carries them. */
export type ShopRecord =
  | { type: 'product'; data: ProductRecord }
  | { type: 'customer'; data: CustomerRecord }
  | { type: 'order'; data: OrderRecord }
  | { type: 'stock'; data: StockRecord }

export type ShopRecordType = ShopRecord['type']

export const recordSchemas = {
  product: productRecordSchema,
  customer: customerRecordSchema,
  order: orderRecordSchema,
  stock: stockRecordSchema,
} as const

/** The first problem of a failed parse: the field's dotted path and what is wrong. */
export function firstIssue(error: z.ZodError, prefix = ''): { field: string; message: string } {
  const issue = error.issues[0]
  const path = issue?.path.map(String).join('.') ?? ''
  const field = [prefix, path].filter(Boolean).join('.') || prefix || 'body'
  return { field, message: issue?.message ?? 'invalid value' }
}

/** Parses one record of a type; the cleaned record, or the failing field. */
export function parseRecord(
  type: ShopRecordType,
  input: unknown,
): { ok: true; record: ShopRecord } | { ok: false; field: string; message: string } {
  const parsed = recordSchemas[type].safeParse(input)
  if (!parsed.success) return { ok: false, ...firstIssue(parsed.error) }
  return { ok: true, record: { type, data: parsed.data } as ShopRecord }
}
