/**
 * The one contract every channel meets (DESIGN §3), so `src/main.ts` only loops over the configured channels:
 * it registers their senders with the outbox and their routes with the HTTP server, starts them once the server
 * listens, and stops them before the database closes. A channel normalizes what arrives, calls the core and
 * renders the core's answer; the core decides the reply language, whether the sender is verified and whether a
 * person has the conversation (`MessageTrace`), and tells staff what customers write during a hand-off.
 *
 * Adding a channel: one folder in `adapters/` with a factory returning a `ChannelAdapter`, plus one line in
 * `adapters/channels.ts`.
 *
 * @example
 * const telegram: ChannelAdapter = { name: 'telegram', mode: 'polling', sender, staffSender, routes: [],
 *   start: () => bot.start(), stop: () => runner.stop() }
 */
import type { App } from '../src/app.ts'
import type { Config } from '../src/config.ts'
import type { ConversationCore } from '../src/core/conversation.ts'
import type { HttpRouteHook } from '../src/http/server.ts'
import type { Logger } from '../src/logger.ts'
import type { ChannelSender, StaffSender } from '../src/services/notifications/types.ts'

export interface ChannelAdapter {
  /** The channel's name, as the start-up line says it. */
  readonly name: string
  /** How it receives messages, for the start-up line: 'polling', 'webhook', 'gateway', 'http'. */
  readonly mode: string
  /** Delivers proactive messages to customers on this channel (the outbox calls it). */
  readonly sender?: ChannelSender
  /** Posts staff news (hand-offs, low stock, alerts); null when the channel has no staff room configured. */
  readonly staffSender?: StaffSender | null
  /** Routes on the HTTP server (webhooks, the web chat). */
  readonly routes?: readonly HttpRouteHook[]
  /** Starts receiving; called once the HTTP server listens. A failure is logged and the rest runs on. */
  start(): Promise<void>
  /** Stops receiving and waits for the messages being answered. */
  stop(): Promise<void>
}

/** What a channel is built from. */
export interface ChannelContext {
  config: Config
  app: App
  /**
   * The core, wrapped so a shutdown waits for the messages in flight. A channel that delivers a message again until
   * it is acknowledged (webhooks, long polling, a stored inbox) sets `confirmsDelivery` on it and calls
   * `delivered(trace)` once the answer was sent, so a redelivery after a crash gets the stored answer, never loses it.
   */
  core: Pick<ConversationCore, 'handleWithTrace' | 'delivered'>
  log: Logger
}

/** Builds the channel when its settings are there, else null. Loads the channel's library only then. */
export type ChannelFactory = (context: ChannelContext) => Promise<ChannelAdapter | null>
