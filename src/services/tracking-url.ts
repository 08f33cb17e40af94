/**
 * Public tracking pages of the couriers the shop ships with, so a customer can follow a parcel themselves.
 * Pure: no network, no database.
 */
import { Carrier } from '../generated/prisma/enums.ts'
import { InvalidInput } from './errors.ts'

interface TrackingPage {
  url: string
  /** Query parameter that pre-fills the waybill, where the page reads one. */
  param?: string
}

const trackingPages: Record<Carrier, TrackingPage> = {
  jne: { url: 'https://www.jne.co.id/tracking-package', param: 'awb' },
  jnt: { url: 'https://jet.co.id/track', param: 'awb' },
  sicepat: { url: 'https://www.sicepat.com/checkAwb', param: 'awb' },
  anteraja: { url: 'https://anteraja.id/tracking', param: 'awb' },
  tiki: { url: 'https://www.tiki.id/id/tracking', param: 'awb' },
  pos: { url: 'https://www.posindonesia.co.id/id/tracking', param: 'barcode' },
  // GoFresh has no public tracking page of its own; cekresi.com tracks its waybills among many couriers.
  gofresh: { url: 'https://cekresi.com/', param: 'noresi' },
}

/** Waybills are letters, digits and dashes; 4 to 40 of them. */
export const waybillPattern = /^[A-Za-z0-9-]{4,40}$/

/**
 * The courier's public tracking page for a waybill.
 * @example getTrackingUrl('JNE123456789', 'jne') // "https://www.jne.co.id/tracking-package?awb=JNE123456789"
 * @throws InvalidInput for a malformed waybill or an unknown carrier
 */
export function getTrackingUrl(trackingNumber: string, carrier: Carrier): string {
  const waybill = typeof trackingNumber === 'string' ? trackingNumber.trim() : ''
  if (!waybillPattern.test(waybill)) throw new InvalidInput('trackingNumber', 'must be 4-40 letters, digits or dashes')
  if (!Object.hasOwn(Carrier, carrier)) throw new InvalidInput('carrier', 'unknown carrier')
  const page = trackingPages[carrier]
  if (!page.param) return page.url
  // The pages carry no query of their own and a waybill needs no escaping beyond this; cheaper than new URL().
  return `${page.url}?${page.param}=${encodeURIComponent(waybill)}`
}
