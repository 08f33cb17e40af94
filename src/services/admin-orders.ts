/**
 * Orders as staff see them: any customer's order by number, with the customer, items, payment and shipment.
 * Not customer-scoped, so only admin surfaces (Telegram/Discord admin commands) may call it.
 *
 * @example const view = await adminOrders.getOrderForAdmin('ord-2025-001') // view.customer.name === 'Adi Mulyana'
 */
import type { Customer } from '../generated/prisma/client.ts'
import { OrderNotFound } from './errors.ts'
import type { ServiceDeps } from './index.ts'
import { type OrderDetail, orderDetailInclude } from './order.ts'
import { customerOrderNumber } from './order-number.ts'

/** One order with everything staff may need, including who ordered it. */
export type AdminOrderView = OrderDetail & {
  /** `phoneNumber` is "-" for a customer from the shop's own data who has none. */
  customer: Pick<Customer, 'id' | 'name' | 'email'> & { phoneNumber: string }
}

export function createAdminOrderService(deps: Pick<ServiceDeps, 'prisma'>) {
  /**
   * Any order by number (loose forms accepted), in one SQL statement.
   * @throws OrderNotFound for an unknown or malformed number
   */
  async function getOrderForAdmin(orderNumber: string): Promise<AdminOrderView> {
    const number = typeof orderNumber === 'string' ? customerOrderNumber(orderNumber) : null
    if (!number) throw new OrderNotFound(String(orderNumber).slice(0, 64))
    const order = await deps.prisma.order.findUnique({
      where: { orderNumber: number },
      include: {
        ...orderDetailInclude,
        customer: { select: { id: true, name: true, phoneNumber: true, email: true } },
      },
    })
    if (!order) throw new OrderNotFound(number)
    return { ...order, customer: { ...order.customer, phoneNumber: order.customer.phoneNumber ?? '-' } }
  }

  return { getOrderForAdmin }
}

export type AdminOrderService = ReturnType<typeof createAdminOrderService>
