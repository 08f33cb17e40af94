/** `/cod` (admins): the COD orders whose customer has not confirmed them yet, oldest first. */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import { unconfirmedCodText } from '../../staff-cod.ts'
import { type Command, localeOf, respond } from './command.ts'

export const codCommand = {
  data: new SlashCommandBuilder()
    .setName('cod')
    .setDescription('Cash-on-delivery orders the customer has not confirmed (admins)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),
  admin: true,
  defer: true,
  async execute(interaction, ctx) {
    await respond(interaction, await unconfirmedCodText(ctx.services.cod, localeOf(interaction)))
  },
} satisfies Command
