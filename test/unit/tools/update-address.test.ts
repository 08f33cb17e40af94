import { describe, expect, it } from 'vitest'
import type { ToolResult } from '../../../tools/types.ts'
import { type UpdateAddressData, updateAddress } from '../../../tools/update-address.ts'

const token = 'b'.repeat(43)

const pending: ToolResult<UpdateAddressData> = {
  ok: true,
  data: {
    awaitingConfirmation: true,
    orderNumber: 'ORD-2025-004',
    status: 'PROCESSING',
    oldAddress: 'Jl. Dago No. 45, Bandung 40135',
    newAddress: 'Jl. Sudirman No. 5, Bandung 40111',
    expiresAt: '2025-11-25T03:10:00.000Z',
  },
  confirmation: { token, expiresAt: '2025-11-25T03:10:00.000Z' },
}

describe('update_shipping_address render', () => {
  it('asks for confirmation showing the old and new address, with "Ya, ubah alamat" / "Tidak"', () => {
    const reply = updateAddress.render(pending, 'id')
    expect(reply.text).toBe(
      [
        '📍 **Konfirmasi Perubahan Alamat**',
        '',
        'Pesanan: ORD-2025-004',
        'Alamat lama: Jl. Dago No. 45, Bandung 40135',
        'Alamat baru: Jl. Sudirman No. 5, Bandung 40111',
        '',
        'Tekan "Ya, ubah alamat" untuk menyimpan atau "Tidak" jika tidak jadi. Konfirmasi berlaku 10 menit.',
      ].join('\n'),
    )
    expect(reply.buttons).toEqual([
      { label: 'Ya, ubah alamat', action: { kind: 'confirm', token } },
      { label: 'Tidak', action: { kind: 'reject', token } },
    ])
  })

  it('asks in English', () => {
    const reply = updateAddress.render(pending, 'en')
    expect(reply.text).toContain('New address: Jl. Sudirman No. 5, Bandung 40111')
    expect(reply.buttons?.map((b) => b.label)).toEqual(['Yes, change address', 'No'])
  })

  it('refuses a shipped order and offers a human, without buttons', () => {
    const refused: ToolResult<UpdateAddressData> = {
      ok: false,
      error: {
        code: 'address_not_changeable',
        message: '',
        details: { orderNumber: 'ORD-2025-001', status: 'SHIPPED' },
      },
    }
    const reply = updateAddress.render(refused, 'id')
    expect(reply.text).toContain(
      'alamat pengiriman pesanan ORD-2025-001 tidak bisa diubah lagi karena statusnya sudah Dikirim',
    )
    expect(reply.text).toContain('bicara dengan CS')
    expect(reply.buttons).toBeUndefined()
    expect(updateAddress.render(refused, 'en').text).toContain('because its status is Shipped')
  })

  it('explains a malformed address (from the service or the schema)', () => {
    for (const field of ['address', 'newAddress']) {
      const bad: ToolResult<UpdateAddressData> = {
        ok: false,
        error: { code: 'invalid_input', message: '', details: { field } },
      }
      expect(updateAddress.render(bad, 'id').text).toContain('Alamat baru belum valid')
      expect(updateAddress.render(bad, 'en').text).toContain('The new address is not valid')
    }
  })

  it('asks an unverified sender to verify', () => {
    const result: ToolResult<UpdateAddressData> = { ok: false, error: { code: 'verification_required', message: '' } }
    expect(updateAddress.render(result, 'id').text).toContain('verifikasi')
    expect(updateAddress.render(result, 'en').text).toContain('verify')
  })
})
