/**
 * The discord.js gateway client and its wiring: messages to the message handler, slash commands and buttons to
 * the interaction handlers. The client's REST uses global fetch (`makeRequest`), so tests can answer it with
 * MSW; nothing connects until `login`.
 *
 * Intents: Guilds (channels, threads), GuildMessages + MessageContent (support channels; MessageContent is
 * privileged and must be switched on in the Developer Portal), DirectMessages (+ the Channel partial, since DM
 * channels are not cached before their first message).
 */
import { Client, Events, GatewayIntentBits, type Interaction, type Message, Partials } from 'discord.js'
import type { Logger } from '../../src/logger.ts'
import { fetchRequest } from './api.ts'
import type { InteractionHandlers } from './interactions.ts'
import type { IncomingMessage } from './normalize.ts'

export function createDiscordClient(): Client {
  return new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
    ],
    partials: [Partials.Channel],
    rest: { makeRequest: fetchRequest },
  })
}

export interface ClientHandlers {
  message: (message: IncomingMessage) => Promise<void>
  interactions: InteractionHandlers
  log: Logger
}

/** Routes gateway events to the handlers (each catches its own errors; this guard only logs what escapes). */
export function attachHandlers(client: Client, handlers: ClientHandlers): void {
  const guard = (what: string) => (error: unknown) =>
    handlers.log.error({ err: error, channel: 'discord' }, `${what} failed`)
  client.on(Events.MessageCreate, (message: Message) => {
    handlers.message(message).catch(guard('message'))
  })
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (interaction.isChatInputCommand()) handlers.interactions.slash(interaction).catch(guard('slash command'))
    else if (interaction.isButton()) handlers.interactions.button(interaction).catch(guard('button'))
  })
  client.on(Events.Error, guard('gateway'))
}
