import { Bot, type Context } from 'grammy'
import type { Update } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { when } from '../../../adapters/telegram/when.ts'
import { testBotInfo } from '../../msw/telegram.ts'

const text = (update_id: number, text: string): Update =>
  ({
    update_id,
    message: {
      message_id: 1,
      date: 1,
      chat: { id: 5, type: 'private', first_name: 'A' },
      from: { id: 5, is_bot: false, first_name: 'A' },
      text,
    },
  }) as Update

const press: Update = {
  update_id: 3,
  callback_query: { id: 'q', chat_instance: 'c', from: { id: 5, is_bot: false, first_name: 'A' }, data: 'x' },
}

describe('when', () => {
  it('hands a matching update to the handler and passes the others on', async () => {
    const bot = new Bot<Context>('1:x', { botInfo: testBotInfo })
    const seen: string[] = []
    bot.use(when('callback_query:data', (ctx) => seen.push(`press ${ctx.callbackQuery.data}`)))
    bot.use(when(['message:text', 'edited_message'], (ctx) => seen.push(`text ${ctx.msg.text}`)))
    bot.use(() => seen.push('rest'))
    await bot.handleUpdate(text(1, 'halo'))
    await bot.handleUpdate(press)
    await bot.handleUpdate({
      update_id: 4,
      message: { ...(text(4, '').message as object), text: undefined, sticker: {} },
    } as unknown as Update)
    expect(seen).toEqual(['text halo', 'press x', 'rest'])
  })
})
