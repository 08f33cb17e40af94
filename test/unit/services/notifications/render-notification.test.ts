import { describe, expect, it } from 'vitest'
import {
  explicitTargetOf,
  renderCustomerNotification,
  renderStaffNotification,
} from '../../../../src/services/notifications/render-notification.ts'

const context = { shopName: 'UrbanStyle ID' }

describe('renderCustomerNotification', () => {
  it('renders each customer kind in the asked language', () => {
    expect(
      renderCustomerNotification('payment_completed', { orderNumber: 'ORD-2025-002', amount: 264000 }, 'en', context),
    ).toEqual({
      text: '✅ We have received the payment of Rp264.000 for order ORD-2025-002. We will process your order right away. Thank you!',
    })
    expect(
      renderCustomerNotification(
        'shipping_status',
        { orderNumber: 'ORD-2025-001', status: 'IN_TRANSIT', location: null },
        'id',
        context,
      ),
    ).toEqual({
      text: '🚚 Update pengiriman pesanan ORD-2025-001: **Dalam Perjalanan**\nBalas "lacak ORD-2025-001" untuk melihat detail pengiriman.',
    })
    const target = { channel: 'telegram', externalChatId: '5', externalUserId: '5', locale: 'id' }
    expect(
      renderCustomerNotification('handoff_reply', { ...target, handoffId: 'h1', text: 'Siap kak' }, 'en', context),
    ).toEqual({
      text: '💬 **UrbanStyle ID support team:**\nSiap kak',
    })
    const rating = renderCustomerNotification('rating_request', { ...target, handoffId: 'h1' }, 'id', context)
    expect(rating?.buttons?.map((b) => b.action)).toEqual(
      [1, 2, 3, 4, 5].map((score) => ({ kind: 'confirm', token: `rate:h1:${score}` })),
    )
  })

  it('refuses unknown kinds and payloads that do not fit', () => {
    expect(renderCustomerNotification('low_stock_party', {}, 'id', context)).toBeNull()
    expect(
      renderCustomerNotification('shipping_status', { orderNumber: 'X', status: 'TELEPORTED' }, 'id', context),
    ).toBeNull()
    expect(renderCustomerNotification('payment_completed', null, 'id', context)).toBeNull()
  })
})

describe('renderStaffNotification', () => {
  it('labels an unverified customer with their display name and lists the last messages by role', () => {
    const reply = renderStaffNotification(
      'handoff_opened',
      {
        handoffId: 'h9',
        reason: 'customer_asked',
        channel: 'discord',
        customerName: null,
        displayName: 'rina',
        messages: [
          { role: 'user', text: 'halo' },
          { role: 'assistant', text: 'Halo!' },
        ],
      },
      'en',
    )
    expect(reply?.text).toBe(
      '🙋 **Customer asks for support** #h9\nCustomer: rina (not verified)\nChannel: discord\nReason: customer_asked\n\nLast messages:\n- Customer: halo\n- Bot: Halo!\n\nReply: `/reply h9 <message>` · Close: `/close h9`',
    )
  })
})

describe('explicitTargetOf', () => {
  it('finds the chat a hand-off answer must go to, and nothing in other payloads', () => {
    expect(explicitTargetOf({ channel: 'web', externalChatId: 's1', handoffId: 'h' })).toEqual({
      channel: 'web',
      externalChatId: 's1',
    })
    expect(explicitTargetOf({ orderNumber: 'ORD-2025-001', amount: 1 })).toBeNull()
  })
})
