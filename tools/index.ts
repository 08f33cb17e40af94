/**
 * The tool registry: the explicit list of tools the agents may use. Adding a tool is one file in tools/ and one
 * line here.
 */
import { z } from 'zod'
import { cancelOrder } from './cancel-order.ts'
import { checkInventory } from './check-inventory.ts'
import { confirmCod } from './confirm-cod.ts'
import { customerProfile } from './customer-profile.ts'
import { findOrders } from './find-orders.ts'
import { getOrder } from './get-order.ts'
import { notifyBackInStock } from './notify-back-in-stock.ts'
import { orderSummary } from './order-summary.ts'
import { paymentLink } from './payment-link.ts'
import { quoteShipping } from './quote-shipping.ts'
import { requestHuman } from './request-human.ts'
import { requestReturn } from './request-return.ts'
import { returnStatus } from './return-status.ts'
import { searchProducts } from './search-products.ts'
import { trackOrder } from './track-order.ts'
import type { ToolPlugin } from './types.ts'
import { updateAddress } from './update-address.ts'
import { verifyPayment } from './verify-payment.ts'

export {
  cancelOrder,
  checkInventory,
  confirmCod,
  customerProfile,
  findOrders,
  getOrder,
  notifyBackInStock,
  orderSummary,
  paymentLink,
  quoteShipping,
  requestHuman,
  requestReturn,
  returnStatus,
  searchProducts,
  trackOrder,
  updateAddress,
  verifyPayment,
}

/** Every tool, in the order the model sees them. */
export const tools: readonly ToolPlugin[] = [
  trackOrder,
  getOrder,
  verifyPayment,
  paymentLink,
  orderSummary,
  findOrders,
  checkInventory,
  searchProducts,
  notifyBackInStock,
  quoteShipping,
  customerProfile,
  cancelOrder,
  confirmCod,
  requestReturn,
  returnStatus,
  updateAddress,
  requestHuman,
]

export interface ToolJsonSchema {
  name: string
  description: string
  /** JSON Schema (draft 2020-12) of the tool's input, from zod's own converter. */
  input_schema: Record<string, unknown>
}

/** The tools as the Anthropic Messages API takes them: `{ name, description, input_schema }`. */
export function toolJsonSchemas(list: readonly ToolPlugin[] = tools): ToolJsonSchema[] {
  return list.map((tool) => {
    const { $schema: _, ...schema } = z.toJSONSchema(tool.input, { io: 'input' }) as Record<string, unknown>
    return { name: tool.name, description: tool.description, input_schema: schema }
  })
}
