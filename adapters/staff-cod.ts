/**
 * The unconfirmed cash-on-delivery orders as staff read them in an admin chat (Telegram `/cod`, Discord `/cod`):
 * oldest first, with the customer, the amount and when it was placed (WIB).
 */
import { formatDateTime, formatRupiah, type Locale } from '../src/i18n/format.ts'
import { t } from '../src/i18n/messages.ts'
import type { CodConfirmations } from '../src/services/cod-confirmations.ts'

/** The lines shown at most (a long list ends with the count). */
const maxLines = 30

export async function unconfirmedCodText(
  cod: Pick<CodConfirmations, 'listUnconfirmed'>,
  locale: Locale,
): Promise<string> {
  const list = await cod.listUnconfirmed()
  if (list.length === 0) return t(locale, 'cod.listEmpty')
  const lines = list.slice(0, maxLines).map((o) =>
    t(locale, 'cod.listLine', {
      orderNumber: o.orderNumber,
      customer: o.customerName,
      amount: formatRupiah(o.amount),
      placedAt: formatDateTime(o.createdAt, locale),
    }),
  )
  return [t(locale, 'cod.listTitle', { count: list.length }), ...lines].join('\n')
}
