/**
 * What a Shopify webhook names, read back through the Admin API and mapped to the shop-sync records: the order (the
 * current version, with what the webhook alone lacks, such as a fulfillment's order) or the product with its
 * inventory levels. Null when Shopify no longer has it.
 *
 * @throws PlatformError when Shopify cannot be asked (the webhook answers 503 and is delivered again)
 */
import type { ShopifyClient } from '../../../gateways/shop-platforms/shopify/client.ts'
import {
  gid,
  orderAnswer,
  orderQuery,
  productAnswer,
  productQuery,
} from '../../../gateways/shop-platforms/shopify/queries.ts'
import type { RecordInput } from '../index.ts'
import { orderInput, productInput } from './mapping.ts'

export async function readShopifyOrder(client: ShopifyClient, orderId: string | number): Promise<RecordInput | null> {
  const { order } = await client.query(orderQuery, { id: gid('Order', orderId) }, orderAnswer)
  return order ? orderInput(order) : null
}

export async function readShopifyProduct(
  client: ShopifyClient,
  productId: string | number,
): Promise<ReturnType<typeof productInput> | null> {
  const { product } = await client.query(productQuery, { id: gid('Product', productId) }, productAnswer)
  return product ? productInput(product) : null
}
