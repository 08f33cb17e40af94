/**
 * Registers the slash commands of commands/index.ts with Discord (`npm run discord:register`): for one guild when
 * DISCORD_GUILD_ID is set (instant, for a shop's own server), else globally. A PUT replaces the whole set, so a
 * removed command disappears too.
 */
import { pathToFileURL } from 'node:url'
import { loadConfig } from '../../src/config.ts'
import { createDiscordApi, createDiscordRest, type DiscordApi } from './api.ts'
import type { Command } from './commands/command.ts'
import { commands as allCommands } from './commands/index.ts'

export interface RegisterOptions {
  applicationId: string
  guildId?: string
  api: DiscordApi
  commands?: readonly Command[]
}

/** Sends the commands; returns their names and where they went. */
export async function registerCommands(
  options: RegisterOptions,
): Promise<{ names: string[]; scope: 'guild' | 'global' }> {
  const list = options.commands ?? allCommands
  await options.api.putCommands(
    options.applicationId,
    options.guildId,
    list.map((c) => c.data.toJSON()),
  )
  return { names: list.map((c) => c.data.name), scope: options.guildId ? 'guild' : 'global' }
}

async function main(): Promise<void> {
  const config = loadConfig()
  if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID) {
    console.error('Set DISCORD_TOKEN and DISCORD_APP_ID (and DISCORD_GUILD_ID for one server) first.')
    process.exit(1)
  }
  const { names, scope } = await registerCommands({
    applicationId: config.DISCORD_APP_ID,
    guildId: config.DISCORD_GUILD_ID,
    api: createDiscordApi(createDiscordRest(config.DISCORD_TOKEN)),
  })
  const where = scope === 'guild' ? `guild ${config.DISCORD_GUILD_ID}` : 'globally (may take up to an hour to show)'
  console.error(`Registered ${names.length} commands ${where}: ${names.map((n) => `/${n}`).join(' ')}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error('Registering the commands failed:', error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
