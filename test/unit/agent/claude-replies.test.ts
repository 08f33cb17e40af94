import { describe, expect, it } from 'vitest'
import { stagedReplies, withoutWriteClaims } from '../../../src/agent/claude-replies.ts'
import type { ToolInvocation } from '../../../src/agent/types.ts'

const staged: ToolInvocation = {
  name: 'cancel_order',
  input: { orderNumber: 'ord-2025-002' },
  ok: true,
  staged: true,
  result: {},
  reply: {
    text: 'Batalkan pesanan ORD-2025-002?',
    buttons: [
      { label: 'Ya, batalkan', action: { kind: 'confirm', token: 't' } },
      { label: 'Tidak', action: { kind: 'reject', token: 't' } },
    ],
  },
}
const tracked: ToolInvocation = {
  name: 'track_order',
  input: { orderNumber: 'ORD-2025-001' },
  ok: true,
  result: {},
  reply: { text: 'Dalam perjalanan' },
}

describe('replies of a turn that staged a write', () => {
  it('drop every sentence about the staged order or about cancelling or changing an address', () => {
    const text =
      'ORD-2025-001 sedang dikirim. Pesanan ORD-2025-002 sudah saya proses!\nSudah saya batalkan ya.\nAda lagi kak?'
    expect(withoutWriteClaims(text, ['ORD-2025-002'])).toBe('ORD-2025-001 sedang dikirim.\nAda lagi kak?')
    expect(withoutWriteClaims('The address was changed.', [])).toBe('')
  })

  it("drop the model's sentences about a staged order of the shop's own numbering, written bare or with #", () => {
    const shopStaged: ToolInvocation = { ...staged, input: { orderNumber: '#5001' }, reply: { text: 'Batalkan 5001?' } }
    expect(
      stagedReplies('Pesanan 5001 sudah saya proses. #5001 beres! 5002 sedang dikirim.', [tracked, shopStaged]),
    ).toEqual([{ text: '5002 sedang dikirim.' }, shopStaged.reply])
  })

  it("are the tool's own confirmation, after the model's other answers when it gave any", () => {
    expect(stagedReplies('Pesanan ORD-2025-002 sudah dibatalkan.', [staged])).toEqual([staged.reply])
    expect(
      stagedReplies('ORD-2025-001 sedang dikirim. ORD-2025-002 sudah dibatalkan.', [tracked, staged, staged]),
    ).toEqual([{ text: 'ORD-2025-001 sedang dikirim.' }, staged.reply])
  })
})
