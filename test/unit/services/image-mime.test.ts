import { describe, expect, it } from 'vitest'
import { imageMimeOf } from '../../../src/services/attachments.ts'

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...Buffer.from(v, 'latin1')] : [v])))

describe('imageMimeOf (the bytes decide, never the declared type)', () => {
  it('recognises JPEG, PNG and WebP by their first bytes', () => {
    expect(imageMimeOf(bytes(0xff, 0xd8, 0xff, 0xdb, 0, 0))).toBe('image/jpeg')
    expect(imageMimeOf(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe('image/png')
    expect(imageMimeOf(bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp')
  })

  it('refuses everything else: text, GIF, a RIFF that is not WebP, truncated signatures, nothing', () => {
    expect(imageMimeOf(bytes('<html><body>hi</body></html>'))).toBeNull()
    expect(imageMimeOf(bytes('GIF89a', 1, 0, 1, 0))).toBeNull()
    expect(imageMimeOf(bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt '))).toBeNull()
    expect(imageMimeOf(bytes(0x89, 'PNG', 0x0d))).toBeNull()
    expect(imageMimeOf(bytes(0xff, 0xd8))).toBeNull()
    expect(imageMimeOf(new Uint8Array())).toBeNull()
  })
})
