import { spawnSync } from 'node:child_process'
import { InteractionContextType, PermissionFlagsBits } from 'discord.js'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createDiscordApi, createDiscordRest } from '../../../adapters/discord/api.ts'
import { commands } from '../../../adapters/discord/commands/index.ts'
import { registerCommands } from '../../../adapters/discord/register.ts'
import { botToken, guildId, startFakeDiscord } from './fakes.ts'

const { discord, server } = startFakeDiscord()
afterEach(() => discord.reset())
afterAll(() => server.close())

const appId = '800000000000000001'
const api = () => createDiscordApi(createDiscordRest(botToken))

type SentCommand = {
  name: string
  default_member_permissions?: string | null
  contexts?: number[]
  options?: { name: string; type: number; options?: { name: string; required?: boolean }[] }[]
}

describe('registerCommands', () => {
  it('PUTs exactly the commands of the index to the guild, once', async () => {
    const result = await registerCommands({ applicationId: appId, guildId, api: api() })
    expect(result).toEqual({ names: commands.map((c) => c.data.name), scope: 'guild' })
    expect(discord.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `PUT /applications/${appId}/guilds/${guildId}/commands`,
    ])
    const body = discord.calls[0]?.body as SentCommand[]
    expect(body.map((c) => c.name)).toEqual([
      'verify',
      'order',
      'stock',
      'lowstock',
      'shipping',
      'cod',
      'return',
      'handoff',
      'unlock',
    ])
    expect(body).toEqual(commands.map((c) => c.data.toJSON()))
    expect(discord.calls[0]?.authorization).toBe(`Bot ${botToken}`)
  })

  it('registers globally without a guild id', async () => {
    const result = await registerCommands({ applicationId: appId, api: api() })
    expect(result.scope).toBe('global')
    expect(discord.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`PUT /applications/${appId}/commands`])
  })

  it('hides admin commands behind Manage Server and keeps them out of DMs; customer commands work in DMs', async () => {
    await registerCommands({ applicationId: appId, guildId, api: api() })
    const body = discord.calls[0]?.body as SentCommand[]
    const byName = new Map(body.map((c) => [c.name, c]))
    for (const name of ['stock', 'lowstock', 'shipping', 'cod', 'return', 'handoff', 'unlock']) {
      expect(byName.get(name)?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild))
      expect(byName.get(name)?.contexts).toEqual([InteractionContextType.Guild])
    }
    for (const name of ['verify', 'order']) {
      expect(byName.get(name)?.default_member_permissions ?? null).toBeNull()
      expect(byName.get(name)?.contexts).toContain(InteractionContextType.BotDM)
    }
    expect(byName.get('stock')?.options?.map((o) => o.name)).toEqual(['check', 'set', 'adjust'])
    expect(byName.get('handoff')?.options?.map((o) => o.name)).toEqual(['list', 'reply', 'close'])
    const update = byName.get('shipping')?.options?.[0]
    expect(update?.name).toBe('update')
    expect(update?.options?.filter((o) => o.required).map((o) => o.name)).toEqual(['order', 'status'])
  })

  it('fails loudly when Discord refuses the token', async () => {
    const wrong = createDiscordApi(createDiscordRest('wrong-token'))
    await expect(registerCommands({ applicationId: appId, guildId, api: wrong })).rejects.toThrow(/401|Unauthorized/)
  })
})

describe('npm run discord:register', () => {
  it('exits with a clear message when the token or app id is missing', () => {
    const env = { ...process.env, DISCORD_TOKEN: '', DISCORD_APP_ID: '' }
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/discord/register.ts'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('Set DISCORD_TOKEN and DISCORD_APP_ID')
  })
})
