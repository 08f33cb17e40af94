/**
 * The WooCommerce REST API v3 shapes we read (products, variations, customers, orders), as the REST answers and
 * the webhooks carry them (a webhook's body is the resource as REST gives it). Only the fields Layan uses are
 * checked; the rest pass. Money is a decimal string ("199000.00"), times have a `_gmt` twin without a zone.
 */
import { z } from 'zod'

const money = z.union([z.string(), z.number()]).nullish()
const text = z.string().nullish()
const id = z.number().int().nonnegative()

const attribute = z.looseObject({ name: z.string().nullish(), option: z.string().nullish() })
const meta = z.looseObject({ key: z.string(), value: z.unknown() })

export const wooVariationSchema = z.looseObject({
  id,
  sku: text,
  price: money,
  stock_quantity: z.number().int().nullish(),
  manage_stock: z.union([z.boolean(), z.literal('parent')]).nullish(),
  stock_status: text,
  attributes: z.array(attribute).nullish(),
  date_modified_gmt: text,
})
export type WooVariation = z.infer<typeof wooVariationSchema>

export const wooProductSchema = z.looseObject({
  id,
  name: z.string(),
  type: text,
  status: text,
  sku: text,
  price: money,
  regular_price: money,
  description: text,
  weight: text,
  stock_quantity: z.number().int().nullish(),
  manage_stock: z.boolean().nullish(),
  stock_status: text,
  categories: z.array(z.looseObject({ name: z.string() })).nullish(),
  attributes: z.array(z.looseObject({ name: z.string().nullish(), options: z.array(z.string()).nullish() })).nullish(),
  variations: z.array(z.number()).nullish(),
  date_modified_gmt: text,
})
export type WooProduct = z.infer<typeof wooProductSchema>

const address = z.looseObject({
  first_name: text,
  last_name: text,
  company: text,
  address_1: text,
  address_2: text,
  city: text,
  state: text,
  postcode: text,
  country: text,
  email: text,
  phone: text,
})

export const wooCustomerSchema = z.looseObject({
  id,
  email: text,
  first_name: text,
  last_name: text,
  username: text,
  billing: address.nullish(),
  shipping: address.nullish(),
  date_modified_gmt: text,
})
export type WooCustomer = z.infer<typeof wooCustomerSchema>

export const wooOrderSchema = z.looseObject({
  id,
  number: z.union([z.string(), z.number()]).nullish(),
  status: z.string(),
  customer_id: z.number().int().nullish(),
  billing: address.nullish(),
  shipping: address.nullish(),
  payment_method: text,
  payment_method_title: text,
  transaction_id: text,
  date_paid_gmt: text,
  date_created_gmt: text,
  date_modified_gmt: text,
  total: money,
  shipping_total: money,
  customer_note: text,
  line_items: z
    .array(
      z.looseObject({
        name: z.string(),
        sku: text,
        quantity: z.number(),
        price: money,
        total: money,
        meta_data: z.array(meta).nullish(),
      }),
    )
    .default([]),
  shipping_lines: z.array(z.looseObject({ method_title: text, method_id: text })).nullish(),
  meta_data: z.array(meta).nullish(),
})
export type WooOrder = z.infer<typeof wooOrderSchema>

/** A deleted resource as the `*.deleted` webhooks send it. */
export const wooDeletedSchema = z.looseObject({ id })

/**
 * The tracking items the WooCommerce Shipment Tracking extension keeps in an order's meta data
 * (`_wc_shipment_tracking_items`), the common way a waybill reaches the REST API.
 */
export const wooTrackingItemsSchema = z.array(
  z.looseObject({
    tracking_provider: text,
    custom_tracking_provider: text,
    tracking_number: z.string(),
    date_shipped: z.union([z.string(), z.number()]).nullish(),
  }),
)
