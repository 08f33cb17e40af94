import { describe, expect, it } from 'vitest'
import { webhookContents, whatsappWebhookSchema } from '../../../adapters/whatsapp/payloads.ts'

const value = (phoneNumberId: string, extra: Record<string, unknown>) => ({
  messaging_product: 'whatsapp',
  metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
  ...extra,
})

describe('webhook deliveries', () => {
  it("keeps our number's messages (with the sender's profile name) and statuses; skips the rest", () => {
    const payload = whatsappWebhookSchema.parse({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: value('111', {
                contacts: [{ wa_id: '6281234567890', profile: { name: 'Adi' } }],
                messages: [
                  {
                    from: '6281234567890',
                    id: 'wamid.1',
                    timestamp: '1764900000',
                    type: 'text',
                    text: { body: 'halo' },
                  },
                  { from: '6281234567890', id: 'wamid.2', type: 'text' },
                  { from: '62 812', id: 'wamid.3', timestamp: '1764900000', type: 'text', text: { body: 'x' } },
                ],
                statuses: [
                  { id: 'wamid.OUT', status: 'read', timestamp: '1764900001', recipient_id: '6281234567890' },
                  { id: 'wamid.OUT', status: 'read' },
                ],
              }),
            },
            {
              field: 'messages',
              value: value('222', { messages: [{ from: '1', id: 'x', timestamp: '1', type: 'text' }] }),
            },
            { field: 'message_template_status_update', value: value('111', {}) },
          ],
        },
      ],
    })
    const contents = webhookContents(payload, '111')
    expect(contents.messages).toEqual([
      {
        message: {
          from: '6281234567890',
          id: 'wamid.1',
          timestamp: '1764900000',
          type: 'text',
          text: { body: 'halo' },
        },
        profileName: 'Adi',
      },
    ])
    expect(contents.statuses.map((s) => [s.id, s.status])).toEqual([['wamid.OUT', 'read']])
    expect(contents.rejected).toBe(3)
    expect(contents.skipped).toBe(2)
  })
})
