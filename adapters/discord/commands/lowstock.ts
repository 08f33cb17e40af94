/** `/lowstock` (admins): products running low and products sold out. */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import type { Locale } from '../../../src/i18n/format.ts'
import { t } from '../../../src/i18n/messages.ts'
import type { StockInfo } from '../../../src/services/inventory.ts'
import { type Command, localeOf, respond } from './command.ts'

function section(title: string, stocks: StockInfo[], locale: Locale): string[] {
  if (stocks.length === 0) return []
  const lines = stocks.map((s) =>
    t(locale, 'discord.lowstock.line', { name: s.productName, productId: s.productId, quantity: s.quantity }),
  )
  return [title, ...lines]
}

export const lowstockCommand = {
  data: new SlashCommandBuilder()
    .setName('lowstock')
    .setDescription('Products low on stock or sold out (admins)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),
  admin: true,
  defer: true,
  async execute(interaction, ctx) {
    const locale = localeOf(interaction)
    const [low, out] = await Promise.all([
      ctx.services.inventory.getLowStockProducts(),
      ctx.services.inventory.getOutOfStockProducts(),
    ])
    if (low.length === 0 && out.length === 0) return respond(interaction, t(locale, 'discord.lowstock.none'))
    const lines = [
      ...section(t(locale, 'discord.lowstock.title'), low, locale),
      ...(low.length > 0 && out.length > 0 ? [''] : []),
      ...section(t(locale, 'discord.lowstock.outTitle'), out, locale),
    ]
    await respond(interaction, lines.join('\n'))
  },
} satisfies Command
