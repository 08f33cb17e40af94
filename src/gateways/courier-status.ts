/**
 * Pure rules for courier tracking text: which of our seven shipping statuses a courier's wording means, and
 * which courier code the tracking API expects for each of our carriers.
 */
import type { Carrier, ShippingStatus } from '../generated/prisma/enums.ts'

export interface MappedCourierStatus {
  status: ShippingStatus
  /** False when nothing in the text was recognised and IN_TRANSIT is only the safe default. */
  known: boolean
}

// Checked in order, most specific first: "UNDELIVERED" and "WILL BE DELIVERED" must not read as DELIVERED,
// "PICKED UP" (collected) not as waiting for pickup, and "RETURN" wins because a returning parcel also travels.
// Indonesian words are few on purpose: "diterima" or "terkirim" also appear in "belum terkirim" or "diterima
// di gudang", and a wrong DELIVERED is worse than the IN_TRANSIT default.
const rules: readonly { status: ShippingStatus; pattern: RegExp }[] = [
  { status: 'RETURNED', pattern: /\bRETURN(ED)?\b|\bRETUR\b|\bDIKEMBALIKAN\b|\bDIRETUR\b/ },
  {
    status: 'FAILED',
    pattern:
      /\bUNDELIVER(ED|ABLE)?\b|\bNOT DELIVERED\b|\bFAIL(ED|URE)?\b|\bGAGAL\b|\bUNSUCCESSFUL\b|\bLOST\b|\bHILANG\b/,
  },
  { status: 'IN_TRANSIT', pattern: /\b(TO|WILL) BE DELIVERED\b/ },
  { status: 'DELIVERED', pattern: /\bDELIVERED\b|\bPOD\b/ },
  {
    status: 'OUT_FOR_DELIVERY',
    pattern: /\bWITH DELIVERY COURIER\b|\bOUT FOR DELIVERY\b|\bON DELIVERY\b|\bSEDANG DIANTAR\b|\bDIBAWA KURIR\b/,
  },
  {
    status: 'IN_TRANSIT',
    pattern:
      /\bPICKED UP\b|\bPICK ?UP (SUCCESS|DONE|BERHASIL)\b|\bON (PROCESS|TRANSIT)\b|\bIN TRANSIT\b|\bTRANSIT\b|\bMANIFEST(ED)?\b|\bPROCESS(ED|ING)?\b|\bDEPARTED\b|\bARRIVED\b|\bRECEIVED AT\b|\bSHIPMENT RECEIVED\b|\bDIKIRIM\b|\bDIPROSES\b|\bTIBA\b|\bBERANGKAT\b/,
  },
  { status: 'PENDING_PICKUP', pattern: /\bPICK ?UP\b|\bMENUNGGU PENJEMPUTAN\b|\bBELUM DIJEMPUT\b/ },
]

/**
 * Maps a courier's status text (Binderbyte `summary.status`, or one history line's `desc`) to our status.
 * Case and punctuation do not matter; unknown wording gives IN_TRANSIT with `known: false`, and callers keep
 * the original text next to it.
 *
 * @example mapCourierStatus('WITH DELIVERY COURIER [BANDUNG]') // { status: 'OUT_FOR_DELIVERY', known: true }
 */
export function mapCourierStatus(text: string): MappedCourierStatus {
  const normalized = text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
  for (const rule of rules) {
    if (rule.pattern.test(normalized)) return { status: rule.status, known: true }
  }
  return { status: 'IN_TRANSIT', known: false }
}

/** Our carrier codes → the tracking API's `courier` parameter. Written out so a mismatch is visible here. */
export const binderbyteCourierCodes: Record<Carrier, string> = {
  jne: 'jne',
  sicepat: 'sicepat',
  tiki: 'tiki',
  pos: 'pos',
  gofresh: 'gofresh',
  jnt: 'jnt',
  anteraja: 'anteraja',
}
