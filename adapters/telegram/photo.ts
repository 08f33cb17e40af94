/**
 * A customer's Telegram photo as the core takes it: the largest size Telegram offers within the limit (or, when
 * every size is larger, the smallest, announced with its size so it is refused unfetched), fetched only when the
 * core asks: `getFile`, then the file from `<api root>/file/bot<token>/<file_path>`, stopped once it passes the
 * limit.
 */
import type { Api } from 'grammy'
import type { PhotoSize } from 'grammy/types'
import type { InboundPhoto } from '../../src/core/types.ts'
import { PhotoTooBig } from '../../src/services/attachments.ts'

export const defaultTelegramApiRoot = 'https://api.telegram.org'

/** The size to fetch: the largest whose announced size fits, else the smallest. */
export function pickPhotoSize(sizes: readonly PhotoSize[], maxBytes: number): PhotoSize | null {
  const area = (s: PhotoSize) => s.width * s.height
  const sorted = [...sizes].sort((a, b) => area(a) - area(b))
  const fitting = sorted.filter((s) => s.file_size === undefined || s.file_size <= maxBytes)
  return fitting.at(-1) ?? sorted[0] ?? null
}

/** Reads a response body, giving up as soon as it is larger than `maxBytes`. */
async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const announced = Number(response.headers.get('content-length') ?? Number.NaN)
  if (announced > maxBytes) throw new PhotoTooBig()
  if (!response.body) return new Uint8Array(await response.arrayBuffer())
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > maxBytes) {
      await reader.cancel()
      throw new PhotoTooBig()
    }
    chunks.push(value)
  }
  return new Uint8Array(Buffer.concat(chunks))
}

export function telegramPhoto(
  api: Api,
  sizes: readonly PhotoSize[],
  options: { token: string; apiRoot?: string; maxBytes: number; fetch?: typeof fetch },
): InboundPhoto | null {
  const size = pickPhotoSize(sizes, options.maxBytes)
  if (!size) return null
  const doFetch = options.fetch ?? fetch
  return {
    ...(size.file_size !== undefined ? { sizeBytes: size.file_size } : {}),
    async load() {
      const file = await api.getFile(size.file_id)
      if (!file.file_path) throw new Error('telegram getFile gave no file_path')
      if (file.file_size !== undefined && file.file_size > options.maxBytes) throw new PhotoTooBig()
      const root = (options.apiRoot ?? defaultTelegramApiRoot).replace(/\/+$/, '')
      const response = await doFetch(`${root}/file/bot${options.token}/${file.file_path}`)
      // The URL holds the bot token: only the status is reported.
      if (!response.ok) throw new Error(`telegram file download failed with HTTP ${response.status}`)
      return readLimited(response, options.maxBytes)
    },
  }
}
