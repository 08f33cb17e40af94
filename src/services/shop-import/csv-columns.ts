/**
 * The columns of the four CSV files (`npm run import -- --type <type> FILE.csv`, templates in docs/import/) and
 * how their rows become the records of the shop API: one row per product variant, customer, order item or stock
 * count. Rows of one product (same productId) or one order (same orderNumber) make one record, reported by the
 * line of each row.
 *
 * Cells are text; numbers may be written "199000", "199.000", "199,000" or "Rp 199.000"; times "2026-12-01T10:00:00Z",
 * "2026-12-01 17:00" or "2026-12-01" (without a zone: Jakarta time); yes/no as true/false, 1/0, ya/tidak.
 */
import type { ShopRecordType } from '../shop-sync/records.ts'

export const importTypes = ['products', 'customers', 'orders', 'stock'] as const
export type ImportType = (typeof importTypes)[number]

/** The columns of each file: required first, then optional ones. */
export const importColumns: Record<ImportType, { required: string[]; optional: string[] }> = {
  products: {
    required: ['productId', 'name', 'price', 'sku', 'stock', 'updatedAt'],
    optional: ['nameEn', 'description', 'category', 'weight', 'active', 'size', 'colour', 'variantPrice'],
  },
  customers: {
    required: ['externalId', 'name', 'updatedAt'],
    optional: ['phone', 'email'],
  },
  orders: {
    required: ['orderNumber', 'status', 'itemName', 'quantity', 'price', 'total', 'updatedAt'],
    optional: [
      'customerId',
      'customerName',
      'phone',
      'email',
      'sku',
      'size',
      'shippingCost',
      'subtotal',
      'shippingAddress',
      'shippingMethod',
      'paymentMethod',
      'paymentStatus',
      'paidAt',
      'carrier',
      'waybill',
      'createdAt',
    ],
  },
  stock: {
    required: ['sku', 'quantity', 'reason', 'updatedAt'],
    optional: [],
  },
}

/** One data row with the line it starts on. */
export interface CsvRow {
  line: number
  cells: Record<string, string>
}

/** One record built from one or more rows; `lines[i]` is the line of its i-th variant or item. */
export interface ImportRecord {
  type: ShopRecordType
  data: Record<string, unknown>
  lines: number[]
}

const blank = (v: string | undefined) => v === undefined || v.trim() === ''
const cell = (row: CsvRow, name: string): string | undefined =>
  blank(row.cells[name]) ? undefined : row.cells[name]?.trim()

/** "Rp 199.000" → 199000; text that is no whole number stays text (the schema then names the field). */
export function parseNumber(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined
  const compact = text.replace(/^rp\.?\s*/i, '').replace(/\s/g, '')
  if (/^-?\d{1,3}([.,]\d{3})+$/.test(compact)) return Number(compact.replace(/[.,]/g, ''))
  if (/^-?\d+$/.test(compact)) return Number(compact)
  return text
}

export function parseBoolean(text: string | undefined): boolean | string | undefined {
  if (text === undefined) return undefined
  const word = text.trim().toLowerCase()
  if (['true', '1', 'yes', 'ya', 'y', 'aktif'].includes(word)) return true
  if (['false', '0', 'no', 'tidak', 'n', 'nonaktif'].includes(word)) return false
  return text
}

/** A time as the schema wants it; a time without a zone is Jakarta time (UTC+7). */
export function parseTime(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const t = text.trim()
  const dateOnly = /^(\d{4}-\d{2}-\d{2})$/.exec(t)
  if (dateOnly) return `${dateOnly[1]}T00:00:00+07:00`
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(t)
  if (local) return `${local[1]}T${local[2]}${local[3] ?? ':00'}+07:00`
  return t
}

/** Rows of one key together, in the order their first row appears. */
function groupBy(rows: CsvRow[], key: string): CsvRow[][] {
  const groups = new Map<string, CsvRow[]>()
  for (const row of rows) {
    const k = cell(row, key) ?? `\u0000line${row.line}`
    const group = groups.get(k)
    if (group) group.push(row)
    else groups.set(k, [row])
  }
  return [...groups.values()]
}

function productRecord(rows: CsvRow[]): ImportRecord {
  const first = rows[0] as CsvRow
  return {
    type: 'product',
    lines: rows.map((r) => r.line),
    data: {
      productId: cell(first, 'productId'),
      name: cell(first, 'name'),
      nameEn: cell(first, 'nameEn'),
      description: cell(first, 'description'),
      category: cell(first, 'category'),
      price: parseNumber(cell(first, 'price')),
      weight: parseNumber(cell(first, 'weight')),
      active: parseBoolean(cell(first, 'active')),
      updatedAt: parseTime(cell(first, 'updatedAt')),
      variants: rows.map((r) => ({
        sku: cell(r, 'sku'),
        size: cell(r, 'size'),
        colour: cell(r, 'colour'),
        stock: parseNumber(cell(r, 'stock')),
        price: parseNumber(cell(r, 'variantPrice')),
      })),
    },
  }
}

function orderRecord(rows: CsvRow[]): ImportRecord {
  const first = rows[0] as CsvRow
  const waybills = new Map<string, { carrier: string | undefined; waybill: string }>()
  for (const r of rows) {
    const waybill = cell(r, 'waybill')
    if (waybill && !waybills.has(waybill.toUpperCase())) {
      waybills.set(waybill.toUpperCase(), { carrier: cell(r, 'carrier'), waybill })
    }
  }
  const method = cell(first, 'paymentMethod')
  return {
    type: 'order',
    lines: rows.map((r) => r.line),
    data: {
      orderNumber: cell(first, 'orderNumber'),
      customer: {
        externalId: cell(first, 'customerId'),
        name: cell(first, 'customerName'),
        phone: cell(first, 'phone'),
        email: cell(first, 'email'),
      },
      status: cell(first, 'status'),
      items: rows.map((r) => ({
        sku: cell(r, 'sku'),
        name: cell(r, 'itemName'),
        size: cell(r, 'size'),
        quantity: parseNumber(cell(r, 'quantity')),
        price: parseNumber(cell(r, 'price')),
      })),
      subtotal: parseNumber(cell(first, 'subtotal')),
      shippingCost: parseNumber(cell(first, 'shippingCost')),
      total: parseNumber(cell(first, 'total')),
      shippingAddress: cell(first, 'shippingAddress'),
      shippingMethod: cell(first, 'shippingMethod'),
      payment: method
        ? { method, status: cell(first, 'paymentStatus') ?? 'PENDING', paidAt: parseTime(cell(first, 'paidAt')) }
        : undefined,
      shipments: [...waybills.values()],
      createdAt: parseTime(cell(first, 'createdAt')),
      updatedAt: parseTime(cell(first, 'updatedAt')),
    },
  }
}

/** The records a file's rows make, in file order. */
export function buildRecords(type: ImportType, rows: CsvRow[]): ImportRecord[] {
  switch (type) {
    case 'products':
      return groupBy(rows, 'productId').map(productRecord)
    case 'orders':
      return groupBy(rows, 'orderNumber').map(orderRecord)
    case 'customers':
      return rows.map((r) => ({
        type: 'customer',
        lines: [r.line],
        data: {
          externalId: cell(r, 'externalId'),
          name: cell(r, 'name'),
          phone: cell(r, 'phone'),
          email: cell(r, 'email'),
          updatedAt: parseTime(cell(r, 'updatedAt')),
        },
      }))
    case 'stock':
      return rows.map((r) => ({
        type: 'stock',
        lines: [r.line],
        data: {
          sku: cell(r, 'sku'),
          quantity: parseNumber(cell(r, 'quantity')),
          reason: cell(r, 'reason'),
          updatedAt: parseTime(cell(r, 'updatedAt')),
        },
      }))
  }
}

/** The line an error of a record belongs to: the row of the variant or item its field names, else the first. */
export function lineOf(record: ImportRecord, field: string | undefined): number {
  const match = /^(?:variants|items)\.(\d+)\./.exec(field ?? '')
  const index = match ? Number(match[1]) : 0
  return record.lines[index] ?? record.lines[0] ?? 0
}
