/**
 * The shipping-rates contract. `createBiteshipRatesGateway` (rates-biteship.ts) asks Biteship's rates API;
 * `createOfflineRatesGateway` (rates-offline.ts) estimates by destination zone and weight from the kept
 * dataset of Indonesian regions, and says its prices are estimates.
 */

/** A place a parcel can be sent to, as the gateway knows it. */
export interface RatesDestination {
  /** The gateway's own id (Biteship area id; offline: a region code or "postal:12345"). */
  id: string
  /** How the place is named to the customer: "Kota Surabaya, Jawa Timur". */
  label: string
  postalCode?: string
}

export type DestinationMatch =
  | { kind: 'found'; destination: RatesDestination }
  | { kind: 'ambiguous'; choices: RatesDestination[] }
  | { kind: 'unknown' }

/** One courier service's price. */
export interface RateOption {
  courierCode: string
  courierName: string
  serviceCode: string
  serviceName: string
  /** The final amount in Rupiah. */
  price: number
  minDays: number
  maxDays: number
}

export interface Parcel {
  weightGrams: number
  /** Value of the goods in Rupiah (some couriers price insurance on it). */
  valueRupiah: number
}

export interface RatesGateway {
  readonly name: 'biteship' | 'offline'
  /** True when prices are our own estimates rather than a courier's quote: the reply says so. */
  readonly estimates: boolean
  /** A place written in free text (city, regency, district or postal code). */
  findDestination(text: string): Promise<DestinationMatch>
  rates(destination: RatesDestination, parcel: Parcel): Promise<RateOption[]>
}
