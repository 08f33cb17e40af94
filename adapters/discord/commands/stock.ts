/**
 * `/stock check|set|adjust` (admins): a product's or SKU's stock, setting a counted quantity, or adding/removing
 * units; every change goes through the inventory service (movement row + audit, with the admin as actor).
 */
import {
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandStringOption,
} from 'discord.js'
import { formatRupiah, type Locale } from '../../../src/i18n/format.ts'
import { t } from '../../../src/i18n/messages.ts'
import type { StockInfo } from '../../../src/services/inventory.ts'
import {
  adminActor,
  adminErrorText,
  type Command,
  type CommandContext,
  localeOf,
  respond,
  type SlashInteraction,
  stringOption,
} from './command.ts'

const maxQuantity = 1_000_000

/** A product's or SKU's stock as staff read it. */
export function formatStock(stock: StockInfo, locale: Locale): string {
  const lines = [
    t(locale, 'discord.stock.title', {
      name: stock.productName,
      productId: stock.productId,
      price: formatRupiah(stock.price),
    }),
  ]
  if (stock.sku && stock.size) {
    lines.push(t(locale, 'discord.stock.sku', { sku: stock.sku, size: stock.size, quantity: stock.quantity }))
  } else {
    for (const s of stock.sizes) lines.push(t(locale, 'discord.stock.size', s))
  }
  const total = stock.sizes.reduce((n, s) => n + s.quantity, 0)
  lines.push(t(locale, 'discord.stock.total', { quantity: total, location: stock.warehouseLocation }))
  if (stock.quantity === 0) lines.push(t(locale, 'discord.stock.out'))
  else if (stock.lowStock) lines.push(t(locale, 'discord.stock.low'))
  return lines.join('\n')
}

/** Queues the staff's low-stock alert when the change left the product low or sold out. */
async function alertIfLow(ctx: CommandContext, sku: string, delta: number): Promise<void> {
  if (!ctx.lowStock || delta === 0) return
  try {
    const alerts = await ctx.lowStock.afterStockChange([{ sku, delta }])
    if (alerts.length > 0) ctx.notify?.()
  } catch (error) {
    // The change is done; a missed alert is logged, not reported as a failed command.
    ctx.log.error({ err: error, sku }, 'low-stock alert not queued')
  }
}

async function check(interaction: SlashInteraction, ctx: CommandContext, locale: Locale, sku: string) {
  const stock = await ctx.services.inventory.checkProductStock(sku)
  await respond(interaction, formatStock(stock, locale))
}

async function set(interaction: SlashInteraction, ctx: CommandContext, locale: Locale, sku: string) {
  const quantity = interaction.options.getInteger('quantity')
  if (quantity === null) return respond(interaction, t(locale, 'discord.missingOption', { option: 'quantity' }))
  if (quantity < 0 || quantity > maxQuantity) {
    return respond(interaction, t(locale, 'discord.invalidOption', { option: 'quantity', reason: `0–${maxQuantity}` }))
  }
  const reason = stringOption(interaction, 'reason') ?? 'stock count (Discord /stock set)'
  const result = await ctx.services.inventory.updateProductStock(sku, quantity, reason, adminActor(interaction))
  await alertIfLow(ctx, result.sku, result.after - result.before)
  const stock = await ctx.services.inventory.checkProductStock(result.sku)
  await respond(interaction, `${t(locale, 'discord.stock.setDone', result)}\n\n${formatStock(stock, locale)}`)
}

async function adjust(interaction: SlashInteraction, ctx: CommandContext, locale: Locale, sku: string) {
  const delta = interaction.options.getInteger('delta')
  if (delta === null) return respond(interaction, t(locale, 'discord.missingOption', { option: 'delta' }))
  if (delta === 0 || Math.abs(delta) > maxQuantity) {
    return respond(
      interaction,
      t(locale, 'discord.invalidOption', { option: 'delta', reason: `≠ 0, −${maxQuantity}…${maxQuantity}` }),
    )
  }
  const reason = stringOption(interaction, 'reason') ?? 'adjustment (Discord /stock adjust)'
  const result = await ctx.services.inventory.adjustStock(sku, delta, reason, adminActor(interaction))
  await alertIfLow(ctx, result.sku, delta)
  const stock = await ctx.services.inventory.checkProductStock(result.sku)
  const signed = delta > 0 ? `+${delta}` : String(delta)
  await respond(
    interaction,
    `${t(locale, 'discord.stock.adjustDone', { sku: result.sku, delta: signed, after: result.after })}\n\n${formatStock(stock, locale)}`,
  )
}

const skuOption = (description: string) => (o: SlashCommandStringOption) =>
  o.setName('sku').setDescription(description).setRequired(true).setMaxLength(64)

const reasonOption = (o: SlashCommandStringOption) =>
  o.setName('reason').setDescription('Why (kept in the audit log)').setMaxLength(200)

export const stockCommand = {
  data: new SlashCommandBuilder()
    .setName('stock')
    .setDescription('Check or change stock (admins)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('check')
        .setDescription('Stock of a product (all sizes) or one SKU')
        .addStringOption(skuOption('Product id or SKU, e.g. KAOS-001 or KAOS-001-M')),
    )
    .addSubcommand((s) =>
      s
        .setName('set')
        .setDescription('Set the counted quantity of one SKU')
        .addStringOption(skuOption('SKU, e.g. KAOS-001-M'))
        .addIntegerOption((o) =>
          o
            .setName('quantity')
            .setDescription('Units in stock')
            .setRequired(true)
            .setMinValue(0)
            .setMaxValue(maxQuantity),
        )
        .addStringOption(reasonOption),
    )
    .addSubcommand((s) =>
      s
        .setName('adjust')
        .setDescription('Add (positive) or remove (negative) units of one SKU')
        .addStringOption(skuOption('SKU, e.g. KAOS-001-M'))
        .addIntegerOption((o) =>
          o
            .setName('delta')
            .setDescription('Units to add or remove, e.g. 5 or -2')
            .setRequired(true)
            .setMinValue(-maxQuantity)
            .setMaxValue(maxQuantity),
        )
        .addStringOption(reasonOption),
    ),
  admin: true,
  defer: true,
  async execute(interaction, ctx) {
    const locale = localeOf(interaction)
    const sku = stringOption(interaction, 'sku')
    if (!sku) return respond(interaction, t(locale, 'discord.missingOption', { option: 'sku' }))
    const sub = interaction.options.getSubcommand()
    try {
      if (sub === 'check') return await check(interaction, ctx, locale, sku)
      if (sub === 'set') return await set(interaction, ctx, locale, sku)
      if (sub === 'adjust') return await adjust(interaction, ctx, locale, sku)
      return await respond(interaction, t(locale, 'discord.unknownCommand'))
    } catch (error) {
      const text = adminErrorText(error, locale)
      if (!text) throw error
      await respond(interaction, text)
    }
  },
} satisfies Command
