import { describe, expect, it } from 'vitest'
import {
  parseTemplates,
  type TemplateSettings,
  templateLanguage,
  templateValue,
} from '../../../adapters/whatsapp/templates.ts'
import { formatRupiah } from '../../../src/i18n/format.ts'

const none: TemplateSettings = {
  WHATSAPP_TEMPLATE_LANGUAGES: [],
  WHATSAPP_TEMPLATE_PAYMENT: undefined,
  WHATSAPP_TEMPLATE_SHIPPING: undefined,
  WHATSAPP_TEMPLATE_HANDOFF_REPLY: undefined,
}

describe('WhatsApp message templates', () => {
  it('reads names with their fields, the defaults, and a template without variables', () => {
    const templates = parseTemplates(
      {
        ...none,
        WHATSAPP_TEMPLATE_PAYMENT: 'payment_received',
        WHATSAPP_TEMPLATE_SHIPPING: 'ship_update:status,orderNumber',
        WHATSAPP_TEMPLATE_HANDOFF_REPLY: 'we_replied:',
      },
      'UrbanStyle ID',
    )
    expect(templates.specs).toEqual({
      payment_completed: { name: 'payment_received', fields: ['orderNumber', 'amount'] },
      shipping_status: { name: 'ship_update', fields: ['status', 'orderNumber'] },
      handoff_reply: { name: 'we_replied', fields: [] },
    })
    expect(templates.languages).toEqual(['id'])
    expect(templates.messageFor('payment_completed', { orderNumber: 'ORD-2025-002', amount: 264000 }, 'id')).toEqual({
      type: 'template',
      template: {
        name: 'payment_received',
        language: { code: 'id' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'ORD-2025-002' },
              { type: 'text', text: formatRupiah(264000) },
            ],
          },
        ],
      },
    })
    expect(templates.messageFor('handoff_reply', { text: 'Halo' }, 'id')).toEqual({
      type: 'template',
      template: { name: 'we_replied', language: { code: 'id' } },
    })
  })

  it('refuses a field the kind does not have, naming the setting', () => {
    expect(() => parseTemplates({ ...none, WHATSAPP_TEMPLATE_SHIPPING: 'ship:orderNumber,amount' }, 'X')).toThrow(
      'WHATSAPP_TEMPLATE_SHIPPING: unknown field amount (choose from orderNumber, status, location, shop)',
    )
  })

  it('has none for kinds without a setting, unknown kinds and payloads that do not fit', () => {
    const templates = parseTemplates({ ...none, WHATSAPP_TEMPLATE_PAYMENT: 'paid' }, 'X')
    expect(templates.messageFor('shipping_status', { orderNumber: 'A', status: 'DELIVERED' }, 'id')).toBeNull()
    expect(templates.messageFor('rating_request', { handoffId: 'h' }, 'id')).toBeNull()
    expect(templates.messageFor('payment_completed', { orderNumber: 'A' }, 'id')).toBeNull()
  })

  it("fills shipping fields in the customer's language, and picks the template language by it", () => {
    const templates = parseTemplates(
      {
        ...none,
        WHATSAPP_TEMPLATE_SHIPPING: 'ship:orderNumber,status,location,shop',
        WHATSAPP_TEMPLATE_LANGUAGES: ['id', 'en_US'],
      },
      'UrbanStyle ID',
    )
    const message = templates.messageFor(
      'shipping_status',
      { orderNumber: 'ORD-1', status: 'IN_TRANSIT', location: null },
      'en',
    )
    expect(message).toMatchObject({
      template: {
        language: { code: 'en_US' },
        components: [
          { parameters: [{ text: 'ORD-1' }, { text: 'In Transit' }, { text: '-' }, { text: 'UrbanStyle ID' }] },
        ],
      },
    })
    expect(templateLanguage(['id', 'en_US'], 'id')).toBe('id')
    expect(templateLanguage(['en'], 'id')).toBe('en')
    expect(templateLanguage([], 'en')).toBe('id')
  })

  it("keeps variables within Meta's rules: one line, at most four spaces in a row, never empty", () => {
    expect(templateValue('Baris satu\nBaris dua\r\n\tlagi')).toBe('Baris satu Baris dua lagi')
    expect(templateValue('a      b')).toBe('a   b')
    expect(templateValue('   ')).toBe('-')
    expect(templateValue('x'.repeat(2000))).toHaveLength(1000)
  })
})
