/**
 * The Admin GraphQL queries Layan asks (products with their variants and inventory levels, customers, orders with
 * their fulfillments) and zod schemas of their answers. Only the fields Layan uses are checked; the rest pass.
 * Lists are read oldest id first with cursors; `query` narrows them to what changed (`updated_at:>…`).
 */
import { z } from 'zod'

const money = z.looseObject({ shopMoney: z.looseObject({ amount: z.union([z.string(), z.number()]) }) })
const text = z.string().nullish()
const pageInfo = z.looseObject({ hasNextPage: z.boolean(), endCursor: z.string().nullish() })

const productFields = `
  id legacyResourceId title status productType descriptionHtml updatedAt
  variants(first: 100) {
    nodes {
      id legacyResourceId sku price title updatedAt inventoryQuantity
      selectedOptions { name value }
      inventoryItem {
        id legacyResourceId
        measurement { weight { unit value } }
        inventoryLevels(first: 20) {
          nodes { updatedAt location { id legacyResourceId } quantities(names: ["available"]) { name quantity } }
        }
      }
    }
  }`

const customerFields = `
  id legacyResourceId firstName lastName updatedAt
  defaultEmailAddress { emailAddress }
  defaultPhoneNumber { phoneNumber }`

const orderFields = `
  id legacyResourceId name createdAt updatedAt cancelledAt cancelReason
  displayFinancialStatus displayFulfillmentStatus
  email phone paymentGatewayNames
  totalPriceSet { shopMoney { amount } }
  totalShippingPriceSet { shopMoney { amount } }
  customer { legacyResourceId firstName lastName defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
  shippingAddress { address1 address2 city province zip phone }
  shippingLine { title }
  lineItems(first: 100) { nodes { name sku quantity variantTitle originalUnitPriceSet { shopMoney { amount } } } }
  fulfillments(first: 20) {
    legacyResourceId createdAt displayStatus status deliveredAt
    trackingInfo(first: 5) { company number }
  }`

export const productsQuery = `query Products($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query, sortKey: ID) { pageInfo { hasNextPage endCursor } nodes { ${productFields} } }
}`
export const productQuery = `query Product($id: ID!) { product(id: $id) { ${productFields} } }`
export const customersQuery = `query Customers($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, query: $query, sortKey: ID) { pageInfo { hasNextPage endCursor } nodes { ${customerFields} } }
}`
export const ordersQuery = `query Orders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: ID) { pageInfo { hasNextPage endCursor } nodes { ${orderFields} } }
}`
export const orderQuery = `query Order($id: ID!) { order(id: $id) { ${orderFields} } }`

const level = z.looseObject({
  updatedAt: text,
  location: z.looseObject({ legacyResourceId: z.union([z.string(), z.number()]) }),
  quantities: z.array(z.looseObject({ name: z.string(), quantity: z.number().int() })),
})

export const shopifyVariantSchema = z.looseObject({
  legacyResourceId: z.union([z.string(), z.number()]),
  sku: text,
  price: z.union([z.string(), z.number()]).nullish(),
  title: text,
  updatedAt: text,
  inventoryQuantity: z.number().int().nullish(),
  selectedOptions: z.array(z.looseObject({ name: z.string(), value: z.string() })).nullish(),
  inventoryItem: z
    .looseObject({
      legacyResourceId: z.union([z.string(), z.number()]),
      measurement: z
        .looseObject({ weight: z.looseObject({ unit: z.string(), value: z.number() }).nullish() })
        .nullish(),
      inventoryLevels: z.looseObject({ nodes: z.array(level) }).nullish(),
    })
    .nullish(),
})

export const shopifyProductSchema = z.looseObject({
  legacyResourceId: z.union([z.string(), z.number()]),
  title: z.string(),
  status: text,
  productType: text,
  descriptionHtml: text,
  updatedAt: z.string(),
  variants: z.looseObject({ nodes: z.array(shopifyVariantSchema) }),
})
export type ShopifyProduct = z.infer<typeof shopifyProductSchema>

const contact = {
  defaultEmailAddress: z.looseObject({ emailAddress: text }).nullish(),
  defaultPhoneNumber: z.looseObject({ phoneNumber: text }).nullish(),
}

export const shopifyCustomerSchema = z.looseObject({
  legacyResourceId: z.union([z.string(), z.number()]),
  firstName: text,
  lastName: text,
  updatedAt: z.string(),
  ...contact,
})
export type ShopifyCustomer = z.infer<typeof shopifyCustomerSchema>

export const shopifyOrderSchema = z.looseObject({
  legacyResourceId: z.union([z.string(), z.number()]),
  name: z.string(),
  createdAt: text,
  updatedAt: z.string(),
  cancelledAt: text,
  cancelReason: text,
  displayFinancialStatus: text,
  displayFulfillmentStatus: text,
  email: text,
  phone: text,
  paymentGatewayNames: z.array(z.string()).nullish(),
  totalPriceSet: money,
  totalShippingPriceSet: money.nullish(),
  customer: z
    .looseObject({ legacyResourceId: z.union([z.string(), z.number()]), firstName: text, lastName: text, ...contact })
    .nullish(),
  shippingAddress: z
    .looseObject({ address1: text, address2: text, city: text, province: text, zip: text, phone: text })
    .nullish(),
  shippingLine: z.looseObject({ title: text }).nullish(),
  lineItems: z.looseObject({
    nodes: z.array(
      z.looseObject({
        name: z.string(),
        sku: text,
        quantity: z.number().int(),
        variantTitle: text,
        originalUnitPriceSet: money.nullish(),
      }),
    ),
  }),
  fulfillments: z
    .array(
      z.looseObject({
        legacyResourceId: z.union([z.string(), z.number()]).nullish(),
        createdAt: text,
        displayStatus: text,
        status: text,
        deliveredAt: text,
        trackingInfo: z.array(z.looseObject({ company: text, number: text })).nullish(),
      }),
    )
    .nullish(),
})
export type ShopifyOrder = z.infer<typeof shopifyOrderSchema>

const connection = <T extends z.ZodType>(node: T) => z.looseObject({ pageInfo, nodes: z.array(node) })

export const productsAnswer = z.looseObject({ products: connection(shopifyProductSchema) })
export const productAnswer = z.looseObject({ product: shopifyProductSchema.nullable() })
export const customersAnswer = z.looseObject({ customers: connection(shopifyCustomerSchema) })
export const ordersAnswer = z.looseObject({ orders: connection(shopifyOrderSchema) })
export const orderAnswer = z.looseObject({ order: shopifyOrderSchema.nullable() })

/** Shopify's global id of a resource from its numeric id. */
export const gid = (type: 'Order' | 'Product', id: string | number) => `gid://shopify/${type}/${id}`
