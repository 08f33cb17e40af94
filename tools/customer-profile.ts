/** get_customer_profile: the verified customer's own account data, with the phone number and email masked. */
import { z } from 'zod'
import type { Reply } from '../src/core/types.ts'
import { formatDate, formatRupiah, type Locale, maskEmail } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import { commonErrorReply, customerOf, lines } from './common.ts'
import { ok, type ToolPlugin, type ToolResult } from './types.ts'

const input = z.object({})

export interface CustomerProfileData {
  name: string
  /** "+62812****7890": never the full number. */
  maskedPhone: string
  /** "ad***@example.com": never the full address. */
  maskedEmail: string | null
  /** ISO time. */
  memberSince: string
  orderCount: number
  totalSpent: number
}

function render(result: ToolResult<CustomerProfileData>, locale: Locale): Reply {
  if (!result.ok) return commonErrorReply(result.error, locale)
  const d = result.data
  return {
    text: lines(
      t(locale, 'profile.title'),
      '',
      t(locale, 'profile.name', { name: d.name }),
      t(locale, 'profile.phone', { phone: d.maskedPhone }),
      d.maskedEmail ? t(locale, 'profile.email', { email: d.maskedEmail }) : t(locale, 'profile.noEmail'),
      t(locale, 'profile.memberSince', { date: formatDate(new Date(d.memberSince), locale) }),
      t(locale, 'profile.orders', { count: d.orderCount }),
      t(locale, 'profile.spent', { amount: formatRupiah(d.totalSpent) }),
    ),
  }
}

export const customerProfile = {
  name: 'get_customer_profile',
  description:
    'The verified customer\'s own account: name, masked phone number, masked email, member since, number of orders and total spent. Use when they ask about their account or data ("data akun saya", "my profile"). Takes no input; it cannot change anything.',
  input,
  needsCustomer: true,
  effect: { kind: 'read' },
  async run(ctx) {
    const profile = await ctx.services.crm.getCustomerProfile(customerOf(ctx).id)
    return ok<CustomerProfileData>({
      name: profile.name,
      maskedPhone: profile.maskedPhone,
      maskedEmail: profile.email ? maskEmail(profile.email) : null,
      memberSince: profile.memberSince.toISOString(),
      orderCount: profile.orderCount,
      totalSpent: profile.totalSpent,
    })
  },
  render,
} satisfies ToolPlugin<z.infer<typeof input>, CustomerProfileData>
