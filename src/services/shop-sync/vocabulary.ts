/**
 * The shop's own words for statuses, payment methods and couriers, mapped to the nearest value Layan knows. What
 * is not exactly one of ours is kept as text beside it (`text`), so nothing the shop said is lost and part of the
 * product that shows it can prefer the shop's word.
 *
 * @example nearestCarrier('J&T Express') // { value: 'jnt', text: null }
 * @example nearestCarrier('Ninja Xpress') // { value: 'jne', text: 'Ninja Xpress' }
 */
import { Carrier, OrderStatus, PaymentMethod, PaymentStatus, ShippingStatus } from '../../generated/prisma/enums.ts'

/** A known value, and the shop's own word when it was not exactly that value (else null). */
export interface Nearest<T> {
  value: T
  text: string | null
}

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9&]+/g, ' ')
    .trim()

function exact<T extends string>(values: Record<string, T>, text: string): T | undefined {
  const upper = text.trim().toUpperCase()
  const lower = text.trim().toLowerCase()
  return Object.values(values).find((v) => v === upper || v === lower)
}

/** The first rule whose pattern matches the folded text. */
function byRules<T>(text: string, rules: readonly [RegExp, T][]): T | undefined {
  const folded = fold(text)
  return rules.find(([pattern]) => pattern.test(folded))?.[1]
}

function nearest<T extends string>(
  values: Record<string, T>,
  rules: readonly [RegExp, T][],
  fallback: T,
  text: string,
): Nearest<T> {
  const known = exact(values, text)
  if (known) return { value: known, text: null }
  const cleaned = text.trim().slice(0, 100)
  return { value: byRules(text, rules) ?? fallback, text: cleaned || null }
}

// WooCommerce statuses (pending, on-hold, processing, completed, cancelled, refunded, failed, draft) and the
// words shops use for their own ones.
const orderStatusRules: readonly [RegExp, OrderStatus][] = [
  [/^(wc )?(pending|on hold|draft|checkout draft|unpaid|awaiting payment|belum bayar|menunggu)/, 'PENDING'],
  [/^(wc )?(processing|paid|diproses|dikemas|packing|packed|ready|confirmed)/, 'PROCESSING'],
  [/^(wc )?(completed|shipped|fulfilled|dikirim|in transit|sent)/, 'SHIPPED'],
  [/^(delivered|diterima|selesai|received)/, 'DELIVERED'],
  [/^(wc )?(cancel|failed|refunded|void|batal|dibatalkan|expired)/, 'CANCELLED'],
]

/** An order status word: ours ("SHIPPED"), WooCommerce's ("on-hold") or the shop's own ("dikemas"). */
export function nearestOrderStatus(text: string): Nearest<OrderStatus> {
  return nearest(OrderStatus, orderStatusRules, 'PROCESSING', text)
}

const paymentStatusRules: readonly [RegExp, PaymentStatus][] = [
  [/^(paid|settle|settlement|capture|captured|success|succeeded|lunas|dibayar|complete)/, 'COMPLETED'],
  [/^(partially refunded|refund pending|refunding)/, 'REFUND_PENDING'],
  [/^(refunded|refund)/, 'REFUNDED'],
  [/^(expire)/, 'EXPIRED'],
  [/^(fail|deny|denied|declined|gagal)/, 'FAILED'],
  [/^(cancel|void|batal)/, 'CANCELLED'],
  [/^(pending|unpaid|authorized|authorised|partially paid|belum|menunggu|on hold)/, 'PENDING'],
]

/** A payment status word: ours ("COMPLETED"), "paid", Shopify's financial status ("PARTIALLY_REFUNDED"), ... */
export function nearestPaymentStatus(text: string): Nearest<PaymentStatus> {
  return nearest(PaymentStatus, paymentStatusRules, 'PENDING', text)
}

const paymentMethodRules: readonly [RegExp, PaymentMethod][] = [
  [/\b(cod|cash on delivery|bayar di tempat|bayar ditempat)\b/, 'cod'],
  [/\b(gopay|ovo|dana|shopeepay|linkaja|qris|e ?wallet|ewallet|dompet)\b/, 'e_wallet'],
  [/\b(card|credit|debit|visa|mastercard|stripe|paypal|kartu)\b/, 'credit_card'],
  [/\b(bacs|bank|transfer|va|virtual account|bca|bni|bri|mandiri|permata|cimb|cheque|manual)\b/, 'bank_transfer'],
]

/** The provider named in a payment method's text ("BCA", "GoPay"), for support. */
const providers: readonly [RegExp, string][] = [
  [/\bbca\b/, 'BCA'],
  [/\bbni\b/, 'BNI'],
  [/\bbri\b/, 'BRI'],
  [/\bmandiri\b/, 'Mandiri'],
  [/\bpermata\b/, 'Permata'],
  [/\bcimb\b/, 'CIMB Niaga'],
  [/\bgopay\b/, 'GoPay'],
  [/\bovo\b/, 'OVO'],
  [/\bdana\b/, 'DANA'],
  [/\bshopeepay\b/, 'ShopeePay'],
  [/\blinkaja\b/, 'LinkAja'],
  [/\bqris\b/, 'QRIS'],
]

/**
 * A payment method as the shop names it ("bacs", "cod", "Transfer BCA", "midtrans", "GoPay") → ours; a
 * gateway or a method we cannot tell falls back to bank transfer, the most common way Indonesians pay a shop,
 * with the shop's word kept.
 */
export function nearestPaymentMethod(text: string): Nearest<PaymentMethod> & { provider: string | null } {
  const folded = fold(text)
  const provider = providers.find(([pattern]) => pattern.test(folded))?.[1] ?? null
  return { ...nearest(PaymentMethod, paymentMethodRules, 'bank_transfer', text), provider }
}

const carrierRules: readonly [RegExp, Carrier][] = [
  [/\bj ?& ?t\b|\bjnt\b|\bj and t\b/, 'jnt'],
  [/\bjne\b/, 'jne'],
  [/\bsicepat\b|\bsi cepat\b/, 'sicepat'],
  [/\btiki\b/, 'tiki'],
  [/\bpos\b|\bpos indonesia\b|\bposindonesia\b/, 'pos'],
  [/\banteraja\b|\banter aja\b/, 'anteraja'],
  [/\bgofresh\b|\bgo fresh\b/, 'gofresh'],
]

/**
 * A courier as the shop names it ("J&T Express", "JNE REG", "sicepat") → ours. A courier we do not know keeps its
 * name in `text`, beside JNE, the most common courier, which then only stands in for it.
 */
export function nearestCarrier(text: string): Nearest<Carrier> {
  const known = exact(Carrier, text)
  if (known) return { value: known, text: null }
  const ruled = byRules(text, carrierRules)
  const cleaned = text.trim().slice(0, 100)
  return ruled ? { value: ruled, text: null } : { value: 'jne', text: cleaned || null }
}

const shippingStatusRules: readonly [RegExp, ShippingStatus][] = [
  [/^(delivered|diterima|terkirim|success)/, 'DELIVERED'],
  [/^(out for delivery|with courier|dibawa kurir|sedang diantar)/, 'OUT_FOR_DELIVERY'],
  [/^(pending pickup|ready for pickup|label printed|label purchased|confirmed|menunggu pickup)/, 'PENDING_PICKUP'],
  [/^(failure|failed|gagal|attempted delivery|cancel)/, 'FAILED'],
  [/^(return|dikembalikan|retur)/, 'RETURNED'],
  [/^(processing|open|pending|diproses)/, 'PROCESSING'],
]

/** A shipment status word; anything unknown counts as in transit (its word kept). */
export function nearestShippingStatus(text: string): Nearest<ShippingStatus> {
  return nearest(ShippingStatus, shippingStatusRules, 'IN_TRANSIT', text)
}
