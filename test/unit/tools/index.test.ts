import { describe, expect, it } from 'vitest'
import { toolJsonSchemas, tools } from '../../../tools/index.ts'

const findTool = (name: string) => tools.find((tool) => tool.name === name)

/** Every property name anywhere in a JSON Schema. */
function propertyNames(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return []
  const names: string[] = []
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) names.push(...Object.keys(value))
    names.push(...propertyNames(value))
  }
  return names
}

describe('tool registry', () => {
  it('lists the seventeen tools with unique snake_case names', () => {
    const names = tools.map((t) => t.name)
    expect(names.sort()).toEqual(
      [
        'cancel_order',
        'check_inventory',
        'confirm_cod',
        'find_orders',
        'get_order',
        'get_customer_profile',
        'get_order_summary',
        'notify_back_in_stock',
        'payment_link',
        'quote_shipping',
        'request_human',
        'request_return',
        'return_status',
        'search_products',
        'track_order',
        'update_shipping_address',
        'verify_payment',
      ].sort(),
    )
    for (const name of names) expect(name).toMatch(/^[a-z][a-z_]*$/)
  })

  it('finds tools by name and nothing for a made-up name', () => {
    expect(findTool('track_order')?.name).toBe('track_order')
    expect(findTool('drop_tables')).toBeUndefined()
  })

  it('requires a verified customer exactly for the tools that touch customer data', () => {
    const open = tools.filter((t) => !t.needsCustomer).map((t) => t.name)
    // quote_shipping is open (places and products are public); weighing an order inside it needs verification.
    expect(open.sort()).toEqual(['check_inventory', 'quote_shipping', 'request_human', 'search_products'])
  })

  it('declares what each tool does besides reading', () => {
    const effects = Object.fromEntries(tools.map((t) => [t.name, t.effect.kind]))
    expect(effects).toEqual({
      track_order: 'read',
      get_order: 'read',
      verify_payment: 'read',
      payment_link: 'record',
      get_order_summary: 'read',
      find_orders: 'read',
      check_inventory: 'read',
      search_products: 'read',
      notify_back_in_stock: 'record',
      quote_shipping: 'read',
      get_customer_profile: 'read',
      return_status: 'read',
      cancel_order: 'write',
      request_return: 'write',
      confirm_cod: 'write',
      update_shipping_address: 'write',
      request_human: 'handoff',
    })
  })

  it('describes every tool for the model', () => {
    for (const tool of tools) expect(tool.description.length).toBeGreaterThan(80)
  })
})

describe('toolJsonSchemas', () => {
  const schemas = toolJsonSchemas()

  it('exports every input as an object JSON Schema, in the Anthropic tool shape', () => {
    expect(schemas).toHaveLength(tools.length)
    for (const schema of schemas) {
      expect(Object.keys(schema).sort()).toEqual(['description', 'input_schema', 'name'])
      expect(schema.input_schema.type).toBe('object')
      expect(schema.input_schema).not.toHaveProperty('$schema')
    }
  })

  it('never lets the model name a customer or user: no such property in any tool', () => {
    for (const schema of schemas) {
      for (const name of propertyNames(schema.input_schema)) {
        expect(name).not.toMatch(/customer|user/i)
      }
    }
  })

  it('carries the fields and their descriptions', () => {
    const track = schemas.find((s) => s.name === 'track_order')?.input_schema as {
      properties: Record<string, { type: string; description?: string }>
      required: string[]
    }
    expect(track.properties.orderNumber?.type).toBe('string')
    expect(track.properties.orderNumber?.description).toContain('ORD-2025-001')
    expect(track.required).toEqual(['orderNumber'])
    const stock = schemas.find((s) => s.name === 'check_inventory')?.input_schema as {
      properties: Record<string, unknown>
      required?: string[]
    }
    expect(Object.keys(stock.properties).sort()).toEqual(['colour', 'productIds', 'query', 'size', 'skus'])
    expect(stock.required ?? []).toEqual([])
    const address = schemas.find((s) => s.name === 'update_shipping_address')?.input_schema as { required: string[] }
    expect(address.required.sort()).toEqual(['newAddress', 'orderNumber'])
  })

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schemas))).toEqual(schemas)
  })
})

describe('input schemas', () => {
  it('reject a check_inventory call that names nothing', () => {
    const stock = findTool('check_inventory')
    expect(stock?.input.safeParse({}).success).toBe(false)
    expect(stock?.input.safeParse({ query: 'kaos' }).success).toBe(true)
    expect(stock?.input.safeParse({ productIds: ['KAOS-001; DROP'] }).success).toBe(false)
  })

  it('strip a customer id the model might add anyway', () => {
    const parsed = findTool('get_order_summary')?.input.safeParse({ customerId: 'cust-siti' })
    expect(parsed?.success).toBe(true)
    expect(parsed?.data).toEqual({})
  })
})
