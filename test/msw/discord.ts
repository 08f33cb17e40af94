/**
 * A fake Discord REST API (v10) for MSW: the routes the adapter uses, a record of every call, threads and DM
 * channels it remembers, bot-token checking and injectable failures. discord.js reaches it because the adapter
 * builds its REST client with `makeRequest` over global fetch.
 *
 * @example
 * const discord = createFakeDiscord({ token: 'bot-token' })
 * const server = setupServer(...discord.handlers)
 * // ... run the adapter ...
 * expect(discord.messagesTo(channelId).map((m) => m.content)).toEqual(['Halo!'])
 */
import { HttpResponse, http } from 'msw'

export const fakeDiscordBaseUrl = 'https://discord.com/api/v10'

export interface RecordedDiscordCall {
  method: string
  /** The path after /api/v10, e.g. "/channels/123/messages". */
  path: string
  /** The JSON body, or null. */
  body: unknown
  authorization: string | null
}

/** A message body as the adapter sends it. */
export interface SentMessage {
  channelId: string
  content: string
  components?: {
    type: number
    components: { type: number; style: number; label: string; custom_id?: string; url?: string }[]
  }[]
  allowed_mentions?: { parse: string[]; users?: string[] }
}

export interface FakeThread {
  id: string
  guild_id: string
  parent_id: string
  name: string
  type: number
  archived: boolean
}

interface Fault {
  method: string
  path: RegExp
  status: number
  code: number
  remaining: number
}

export function createFakeDiscord(options: { token: string; baseUrl?: string }) {
  const base = (options.baseUrl ?? fakeDiscordBaseUrl).replace(/\/+$/, '')
  const calls: RecordedDiscordCall[] = []
  const threads: FakeThread[] = []
  const dmChannels = new Map<string, string>()
  const deleted = new Set<string>()
  let faults: Fault[] = []
  let nextId = 900_000_000_000_000_000n

  const newId = () => {
    nextId += 1n
    return String(nextId)
  }

  /** Records the call and answers a fault, a missing token or a deleted channel, if any. */
  async function intake(request: Request, path: string): Promise<{ body: unknown; refusal?: Response }> {
    const text = request.method === 'GET' ? '' : await request.text()
    let body: unknown = null
    if (text) {
      try {
        body = JSON.parse(text)
      } catch {
        body = text
      }
    }
    const authorization = request.headers.get('authorization')
    calls.push({ method: request.method, path, body, authorization })
    if (authorization !== `Bot ${options.token}`) {
      return { body, refusal: HttpResponse.json({ message: '401: Unauthorized', code: 0 }, { status: 401 }) }
    }
    const fault = faults.find((f) => f.remaining > 0 && f.method === request.method && f.path.test(path))
    if (fault) {
      fault.remaining -= 1
      return {
        body,
        refusal: HttpResponse.json({ message: 'fake failure', code: fault.code }, { status: fault.status }),
      }
    }
    const channel = /^\/channels\/(\d+)/.exec(path)?.[1]
    if (channel && deleted.has(channel)) {
      return { body, refusal: HttpResponse.json({ message: 'Unknown Channel', code: 10003 }, { status: 404 }) }
    }
    return { body }
  }

  const pathOf = (request: Request) => new URL(request.url).pathname.replace(/^\/api\/v10/, '')

  const handlers = [
    http.put(`${base}/applications/:appId/commands`, async ({ request }) => {
      const { body, refusal } = await intake(request, pathOf(request))
      if (refusal) return refusal
      return HttpResponse.json((body as object[]).map((c) => ({ ...c, id: newId() })))
    }),
    http.put(`${base}/applications/:appId/guilds/:guildId/commands`, async ({ request }) => {
      const { body, refusal } = await intake(request, pathOf(request))
      if (refusal) return refusal
      return HttpResponse.json((body as object[]).map((c) => ({ ...c, id: newId() })))
    }),
    http.post(`${base}/users/@me/channels`, async ({ request }) => {
      const { body, refusal } = await intake(request, pathOf(request))
      if (refusal) return refusal
      const recipient = String((body as { recipient_id?: unknown }).recipient_id)
      let id = dmChannels.get(recipient)
      if (!id) {
        id = newId()
        dmChannels.set(recipient, id)
      }
      return HttpResponse.json({ id, type: 1, recipients: [{ id: recipient }] })
    }),
    http.post(`${base}/channels/:channelId/messages`, async ({ request, params }) => {
      const { body, refusal } = await intake(request, pathOf(request))
      if (refusal) return refusal
      return HttpResponse.json({ id: newId(), channel_id: params.channelId, ...(body as object) })
    }),
    http.post(`${base}/channels/:channelId/typing`, async ({ request }) => {
      const { refusal } = await intake(request, pathOf(request))
      return refusal ?? new HttpResponse(null, { status: 204 })
    }),
    http.post(`${base}/channels/:channelId/threads`, async ({ request, params }) => {
      const { body, refusal } = await intake(request, pathOf(request))
      if (refusal) return refusal
      const input = body as { name: string; type?: number }
      const thread: FakeThread = {
        id: newId(),
        guild_id: guildOf(String(params.channelId)),
        parent_id: String(params.channelId),
        name: input.name,
        type: input.type ?? 12,
        archived: false,
      }
      threads.push(thread)
      return HttpResponse.json(thread, { status: 201 })
    }),
    http.put(`${base}/channels/:threadId/thread-members/:userId`, async ({ request }) => {
      const { refusal } = await intake(request, pathOf(request))
      return refusal ?? new HttpResponse(null, { status: 204 })
    }),
    http.get(`${base}/guilds/:guildId/threads/active`, async ({ request, params }) => {
      const { refusal } = await intake(request, pathOf(request))
      if (refusal) return refusal
      const active = threads.filter((t) => t.guild_id === params.guildId && !t.archived && !deleted.has(t.id))
      return HttpResponse.json({ threads: active, members: [] })
    }),
    http.get(`${base}/channels/:channelId/users/@me/threads/archived/private`, async ({ request, params }) => {
      const { refusal } = await intake(request, pathOf(request))
      if (refusal) return refusal
      const archived = threads.filter((t) => t.parent_id === params.channelId && t.archived && !deleted.has(t.id))
      return HttpResponse.json({ threads: archived, members: [], has_more: false })
    }),
  ]

  const guilds = new Map<string, string>()
  function guildOf(channelId: string): string {
    return guilds.get(channelId) ?? '0'
  }

  return {
    baseUrl: base,
    handlers,
    /** Every call that reached the fake, oldest first. */
    calls,
    threads,
    /** Says which guild a channel belongs to (threads created under it get that guild id). */
    setChannelGuild(channelId: string, guildId: string) {
      guilds.set(channelId, guildId)
    },
    /** A thread that exists before the test (say, created before a restart). */
    addThread(thread: Omit<FakeThread, 'id' | 'type' | 'archived'> & { id?: string; archived?: boolean }) {
      const stored: FakeThread = { type: 12, archived: false, ...thread, id: thread.id ?? newId() }
      threads.push(stored)
      return stored
    },
    /** The channel (or thread) is gone: later calls to it answer 404 Unknown Channel. */
    deleteChannel(channelId: string) {
      deleted.add(channelId)
    },
    /** The DM channel the fake opened for a user, if any. */
    dmChannelOf(userId: string) {
      return dmChannels.get(userId)
    },
    /** The next `times` calls matching method and path answer an error. */
    fail(method: string, path: RegExp, fault: { status: number; code?: number; times?: number }) {
      faults.push({ method, path, status: fault.status, code: fault.code ?? 0, remaining: fault.times ?? 1 })
    },
    /** The messages posted to a channel, oldest first. */
    messagesTo(channelId: string): SentMessage[] {
      return calls
        .filter((c) => c.method === 'POST' && c.path === `/channels/${channelId}/messages`)
        .map((c) => ({ channelId, ...(c.body as Omit<SentMessage, 'channelId'>) }))
    },
    /** Every message posted anywhere, oldest first. */
    allMessages(): SentMessage[] {
      return calls
        .filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path))
        .map((c) => ({ channelId: c.path.split('/')[2] ?? '', ...(c.body as Omit<SentMessage, 'channelId'>) }))
    },
    callsTo(method: string, path: RegExp): RecordedDiscordCall[] {
      return calls.filter((c) => c.method === method && path.test(c.path))
    },
    reset() {
      calls.length = 0
      threads.length = 0
      dmChannels.clear()
      deleted.clear()
      faults = []
    },
  }
}

export type FakeDiscord = ReturnType<typeof createFakeDiscord>
