/**
 * `/return` (admins): returns and exchanges. `list`, `show number:`, `approve number:`, `reject number: reason:`,
 * `received number:`, `ship number: carrier: waybill:`, `refunded number:`; each runs the shared staff command
 * (../../staff-returns.ts), which the service checks and audits as the admin.
 */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import { Carrier } from '../../../src/generated/prisma/enums.ts'
import { carrierNames } from '../../../src/i18n/format.ts'
import { t } from '../../../src/i18n/messages.ts'
import { runReturnCommand } from '../../staff-returns.ts'
import { adminActor, type Command, localeOf, respond, stringOption } from './command.ts'

const carrierChoices = Object.values(Carrier).map((carrier) => ({ name: carrierNames[carrier], value: carrier }))
const numberOption = (o: import('discord.js').SlashCommandStringOption) =>
  o.setName('number').setDescription('Return number, e.g. ORD-2025-001-R1').setRequired(true).setMaxLength(80)

export const returnCommand = {
  data: new SlashCommandBuilder()
    .setName('return')
    .setDescription('Returns and size exchanges (admins)')
    .setDescriptionLocalizations({ id: 'Retur dan tukar ukuran (admin)' })
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) => s.setName('list').setDescription('Open returns and exchanges'))
    .addSubcommand((s) => s.setName('show').setDescription('One request in full').addStringOption(numberOption))
    .addSubcommand((s) =>
      s
        .setName('approve')
        .setDescription('Approve; the customer is told where to send it')
        .addStringOption(numberOption),
    )
    .addSubcommand((s) =>
      s
        .setName('reject')
        .setDescription('Reject with a reason; a reserved size goes back to stock')
        .addStringOption(numberOption)
        .addStringOption((o) =>
          o.setName('reason').setDescription('Why, as the customer reads it').setRequired(true).setMaxLength(500),
        ),
    )
    .addSubcommand((s) =>
      s.setName('received').setDescription('The parcel arrived; the refund starts').addStringOption(numberOption),
    )
    .addSubcommand((s) =>
      s
        .setName('ship')
        .setDescription("Ship an exchange's replacement")
        .addStringOption(numberOption)
        .addStringOption((o) =>
          o
            .setName('carrier')
            .setDescription('Courier')
            .setRequired(true)
            .addChoices(...carrierChoices),
        )
        .addStringOption((o) => o.setName('waybill').setDescription('Waybill').setRequired(true).setMaxLength(40)),
    )
    .addSubcommand((s) =>
      s.setName('refunded').setDescription('A transfer refund was paid by hand').addStringOption(numberOption),
    ),
  admin: true,
  defer: true,
  async execute(interaction, ctx) {
    const locale = localeOf(interaction)
    const sub = interaction.options.getSubcommand(false) ?? 'list'
    // Spaces inside an option would read as more words: the number, carrier and waybill are single words.
    const word = (name: string) => (stringOption(interaction, name) ?? '').replace(/\s+/g, '')
    const args =
      sub === 'list'
        ? ''
        : sub === 'show'
          ? word('number')
          : sub === 'reject'
            ? `reject ${word('number')} ${stringOption(interaction, 'reason') ?? ''}`
            : sub === 'ship'
              ? `ship ${word('number')} ${word('carrier')} ${word('waybill')}`
              : `${sub} ${word('number')}`
    if (sub !== 'list' && !word('number')) {
      return respond(interaction, t(locale, 'discord.missingOption', { option: 'number' }))
    }
    const result = await runReturnCommand(ctx.services.returns, args, adminActor(interaction), locale)
    if (result.changed) ctx.notify?.()
    await respond(interaction, result.text)
  },
} satisfies Command
