/**
 * The demo shop "UrbanStyle ID": the exact data of the acceptance documents. Fixed ids so that examples
 * (`curl` calls to /api/bot/*) work as written. ORD-2025-002, -005 and -006 are dated relative to seeding time, so
 * the demo always has a live unpaid order (002, 005) and an order delivered two days ago, inside the return window
 * (006); ORD-2025-003, delivered in 2025, is the one outside it.
 */
import type { Carrier, OrderStatus, PaymentMethod, PaymentStatus, ShippingStatus } from '../generated/prisma/enums.ts'

export const demoCustomers = [
  { id: 'cust-adi', name: 'Adi Mulyana', phoneNumber: '+6281234567890', email: 'adi@example.com' },
  { id: 'cust-siti', name: 'Siti Rahma', phoneNumber: '+6281298765432', email: 'siti@example.com' },
  { id: 'cust-budi', name: 'Budi Santoso', phoneNumber: '+6281355512345', email: 'budi@example.com' },
] as const

export const demoProducts = [
  {
    id: 'KAOS-001',
    name: 'Kaos Basic Crewneck',
    nameEn: 'Basic Crewneck T-Shirt',
    category: 'kaos',
    price: 79_000,
    weightGrams: 200,
    stock: { S: 10, M: 15, L: 20, XL: 5 },
  },
  {
    id: 'CELANA-001',
    name: 'Celana Chino Slim Fit',
    nameEn: 'Slim Fit Chino Pants',
    category: 'celana',
    price: 59_000,
    weightGrams: 400,
    stock: { '30': 8, '31': 8, '32': 8, '33': 6 },
  },
  {
    id: 'DRESS-001',
    name: 'Dress Midi Floral',
    nameEn: 'Floral Midi Dress',
    category: 'dress',
    price: 189_000,
    weightGrams: 300,
    stock: { S: 0, M: 0, L: 0 },
  },
  {
    id: 'DRESS-002',
    name: 'Dress Linen Polos',
    nameEn: 'Plain Linen Dress',
    category: 'dress',
    price: 169_000,
    weightGrams: 300,
    stock: { S: 4, M: 6, L: 3 },
  },
  {
    id: 'JAKET-001',
    name: 'Jaket Denim Oversize',
    nameEn: 'Oversized Denim Jacket',
    category: 'jaket',
    price: 249_000,
    weightGrams: 800,
    stock: { M: 2, L: 1 },
  },
  {
    id: 'KEMEJA-001',
    name: 'Kemeja Linen Lengan Panjang',
    nameEn: 'Long Sleeve Linen Shirt',
    category: 'kemeja',
    price: 129_000,
    weightGrams: 250,
    stock: { S: 3, M: 4, L: 5 },
  },
] as const

export const demoLowStockThreshold = 5
export const demoWarehouse = 'Jakarta'

/** The demo shop's name; its FAQ, policies and bank accounts are in knowledge/faq.md. */
export const demoShopInfo = { name: 'UrbanStyle ID' } as const

const HOUR = 3_600_000
const DAY = 24 * HOUR

/**
 * How long before seeding the earliest seeding-relative time lies (ORD-2025-006's creation): a database made from
 * the demo snapshot moves every time from there on to its own clock.
 */
export const demoDatedBeforeSeedingMs = 5 * DAY

export interface DemoOrder {
  id: string
  orderNumber: string
  customerId: string
  status: OrderStatus
  items: { productId: string; size: string; quantity: number; price: number }[]
  shippingCost: number
  shippingAddress: string
  createdAt: Date
  payment: {
    method: PaymentMethod
    provider?: string
    status: PaymentStatus
    transactionId?: string
    vaNumber?: string
    paidAt?: Date
    expiresAt?: Date
  }
  shipment?: {
    trackingNumber: string
    carrier: Carrier
    currentStatus: ShippingStatus
    currentLocation: string
    shippedAt: Date
    estimatedDelivery?: Date
    deliveredAt?: Date
    events: { status: ShippingStatus; location: string; description: string; occurredAt: Date }[]
  }
}

/**
 * The six demo orders; `now` dates ORD-2025-002 and -005 (created now) and ORD-2025-006 (delivered two days before).
 * Seeding takes no stock for them: the demo's stock counts are what is left after these orders.
 */
export function demoOrders(now: Date): DemoOrder[] {
  return [
    {
      id: 'order-2025-001',
      orderNumber: 'ORD-2025-001',
      customerId: 'cust-adi',
      status: 'SHIPPED',
      items: [
        { productId: 'KAOS-001', size: 'M', quantity: 1, price: 79_000 },
        { productId: 'CELANA-001', size: '31', quantity: 1, price: 59_000 },
      ],
      shippingCost: 12_000,
      shippingAddress: 'Jl. Merdeka No. 123, Jakarta',
      createdAt: new Date('2025-11-20T03:00:00Z'),
      payment: {
        method: 'bank_transfer',
        provider: 'BCA',
        status: 'COMPLETED',
        transactionId: 'TRX-123456',
        paidAt: new Date('2025-11-20T08:30:00Z'), // 15:30 WIB
      },
      shipment: {
        trackingNumber: 'JNE123456789',
        carrier: 'jne',
        currentStatus: 'IN_TRANSIT',
        currentLocation: 'Jakarta',
        shippedAt: new Date('2025-11-21T03:00:00Z'),
        estimatedDelivery: new Date('2025-11-26T00:00:00Z'),
        events: [
          {
            status: 'PENDING_PICKUP',
            location: 'Jakarta',
            description: 'Paket siap dijemput kurir',
            occurredAt: new Date('2025-11-20T10:00:00Z'),
          },
          {
            status: 'IN_TRANSIT',
            location: 'Jakarta',
            description: 'Paket diterima di gudang JNE Jakarta',
            occurredAt: new Date('2025-11-21T03:00:00Z'),
          },
        ],
      },
    },
    {
      id: 'order-2025-002',
      orderNumber: 'ORD-2025-002',
      customerId: 'cust-adi',
      status: 'PENDING',
      items: [{ productId: 'JAKET-001', size: 'L', quantity: 1, price: 249_000 }],
      shippingCost: 15_000,
      shippingAddress: 'Jl. Merdeka No. 123, Jakarta',
      createdAt: now,
      payment: {
        method: 'bank_transfer',
        provider: 'BCA',
        status: 'PENDING',
        vaNumber: '8808123456789012',
        expiresAt: new Date(now.getTime() + 24 * HOUR),
      },
    },
    {
      id: 'order-2025-003',
      orderNumber: 'ORD-2025-003',
      customerId: 'cust-adi',
      status: 'DELIVERED',
      items: [{ productId: 'KEMEJA-001', size: 'M', quantity: 1, price: 129_000 }],
      shippingCost: 10_000,
      shippingAddress: 'Jl. Braga No. 10, Bandung',
      createdAt: new Date('2025-10-01T05:00:00Z'),
      payment: {
        method: 'e_wallet',
        provider: 'GoPay',
        status: 'COMPLETED',
        transactionId: 'TRX-100302',
        paidAt: new Date('2025-10-02T02:00:00Z'),
      },
      shipment: {
        trackingNumber: 'SCP1234567890',
        carrier: 'sicepat',
        currentStatus: 'DELIVERED',
        currentLocation: 'Bandung',
        shippedAt: new Date('2025-10-03T04:00:00Z'),
        estimatedDelivery: new Date('2025-10-05T00:00:00Z'),
        deliveredAt: new Date('2025-10-05T07:00:00Z'),
        events: [
          {
            status: 'IN_TRANSIT',
            location: 'Jakarta',
            description: 'Paket berangkat dari Jakarta',
            occurredAt: new Date('2025-10-03T04:00:00Z'),
          },
          {
            status: 'OUT_FOR_DELIVERY',
            location: 'Bandung',
            description: 'Paket dibawa kurir ke alamat tujuan',
            occurredAt: new Date('2025-10-05T02:00:00Z'),
          },
          {
            status: 'DELIVERED',
            location: 'Bandung',
            description: 'Paket diterima oleh yang bersangkutan',
            occurredAt: new Date('2025-10-05T07:00:00Z'),
          },
        ],
      },
    },
    {
      id: 'order-2025-004',
      orderNumber: 'ORD-2025-004',
      customerId: 'cust-siti',
      status: 'PROCESSING',
      items: [{ productId: 'KAOS-001', size: 'S', quantity: 2, price: 79_000 }],
      shippingCost: 12_000,
      shippingAddress: 'Jl. Dago No. 45, Bandung 40135',
      createdAt: new Date('2025-11-22T02:00:00Z'),
      payment: {
        method: 'e_wallet',
        provider: 'OVO',
        status: 'COMPLETED',
        transactionId: 'TRX-100404',
        paidAt: new Date('2025-11-22T02:15:00Z'),
      },
    },
    {
      id: 'order-2025-005',
      orderNumber: 'ORD-2025-005',
      customerId: 'cust-siti',
      status: 'PENDING',
      items: [{ productId: 'CELANA-001', size: '30', quantity: 1, price: 59_000 }],
      shippingCost: 12_000,
      shippingAddress: 'Jl. Dago No. 45, Bandung 40135',
      createdAt: now,
      payment: { method: 'cod', status: 'PENDING' },
    },
    {
      id: 'order-2025-006',
      orderNumber: 'ORD-2025-006',
      customerId: 'cust-siti',
      status: 'DELIVERED',
      items: [{ productId: 'KAOS-001', size: 'M', quantity: 1, price: 79_000 }],
      shippingCost: 12_000,
      shippingAddress: 'Jl. Dago No. 45, Bandung 40135',
      createdAt: new Date(now.getTime() - demoDatedBeforeSeedingMs),
      payment: {
        method: 'e_wallet',
        provider: 'ShopeePay',
        status: 'COMPLETED',
        transactionId: 'TRX-100606',
        paidAt: new Date(now.getTime() - 5 * DAY + 10 * 60_000),
      },
      shipment: {
        trackingNumber: 'JT0012345678',
        carrier: 'jnt',
        currentStatus: 'DELIVERED',
        currentLocation: 'Bandung',
        shippedAt: new Date(now.getTime() - 4 * DAY),
        estimatedDelivery: new Date(now.getTime() - 2 * DAY),
        deliveredAt: new Date(now.getTime() - 2 * DAY),
        events: [
          {
            status: 'PENDING_PICKUP',
            location: 'Jakarta',
            description: 'Paket siap dijemput kurir',
            occurredAt: new Date(now.getTime() - 5 * DAY + 4 * HOUR),
          },
          {
            status: 'IN_TRANSIT',
            location: 'Jakarta',
            description: 'Paket diterima di gudang J&T Jakarta',
            occurredAt: new Date(now.getTime() - 4 * DAY),
          },
          {
            status: 'IN_TRANSIT',
            location: 'Bandung',
            description: 'Paket tiba di gudang J&T Bandung',
            occurredAt: new Date(now.getTime() - 3 * DAY),
          },
          {
            status: 'OUT_FOR_DELIVERY',
            location: 'Bandung',
            description: 'Paket dibawa kurir ke alamat tujuan',
            occurredAt: new Date(now.getTime() - 2 * DAY - 4 * HOUR),
          },
          {
            status: 'DELIVERED',
            location: 'Bandung',
            description: 'Paket diterima oleh yang bersangkutan',
            occurredAt: new Date(now.getTime() - 2 * DAY),
          },
        ],
      },
    },
  ]
}
