import { describe, expect, it } from 'vitest'
import { binderbyteCourierCodes, mapCourierStatus } from '../../../src/gateways/courier-status.ts'
import { Carrier } from '../../../src/generated/prisma/enums.ts'

describe('mapCourierStatus', () => {
  it.each([
    // Binderbyte summary.status values
    ['DELIVERED', 'DELIVERED'],
    ['ON PROCESS', 'IN_TRANSIT'],
    ['ON TRANSIT', 'IN_TRANSIT'],
    ['RETURN', 'RETURNED'],
    // history lines
    ['SHIPMENT RECEIVED BY JNE COUNTER OFFICER AT [JAKARTA]', 'IN_TRANSIT'],
    ['MANIFESTED', 'IN_TRANSIT'],
    ['PICKED UP BY COURIER', 'IN_TRANSIT'],
    ['DEPARTED FROM TRANSIT [GATEWAY JAKARTA]', 'IN_TRANSIT'],
    ['RECEIVED AT WAREHOUSE [BANDUNG]', 'IN_TRANSIT'],
    ['Paket telah dikirim ke Bandung', 'IN_TRANSIT'],
    ['WITH DELIVERY COURIER [BANDUNG]', 'OUT_FOR_DELIVERY'],
    ['Out for delivery', 'OUT_FOR_DELIVERY'],
    ['Paket sedang diantar ke alamat tujuan', 'OUT_FOR_DELIVERY'],
    ['DELIVERED TO [ADI | 21-11-2025 10:00 | BANDUNG]', 'DELIVERED'],
    ['delivered', 'DELIVERED'],
    ['PICKUP REQUEST', 'PENDING_PICKUP'],
    ['Waiting for pick up', 'PENDING_PICKUP'],
    ['Menunggu penjemputan kurir', 'PENDING_PICKUP'],
    ['UNDELIVERED - CONSIGNEE NOT AT HOME', 'FAILED'],
    ['DELIVERY FAILED, BAD ADDRESS', 'FAILED'],
    ['Pengiriman gagal', 'FAILED'],
    ['RETURN TO SHIPPER', 'RETURNED'],
    ['RETURNED TO SENDER - DELIVERY FAILED', 'RETURNED'],
    ['Paket dikembalikan ke pengirim', 'RETURNED'],
  ] as const)('%j → %s', (text, expected) => {
    expect(mapCourierStatus(text)).toEqual({ status: expected, known: true })
  })

  it('does not read "will be delivered" as delivered', () => {
    expect(mapCourierStatus('Shipment will be delivered tomorrow').status).toBe('IN_TRANSIT')
  })

  it.each(['', 'SOMETHING NEW', 'Belum terkirim', 'Paket diterima di gudang'])(
    'unknown wording %j → IN_TRANSIT, marked unknown',
    (text) => {
      expect(mapCourierStatus(text)).toEqual({ status: 'IN_TRANSIT', known: false })
    },
  )
})

describe('binderbyteCourierCodes', () => {
  it('has a code for every carrier we ship with', () => {
    expect(Object.keys(binderbyteCourierCodes).sort()).toEqual(Object.values(Carrier).sort())
  })
  it('sends J&T as "jnt"', () => {
    expect(binderbyteCourierCodes.jnt).toBe('jnt')
    expect(binderbyteCourierCodes.jne).toBe('jne')
  })
})
