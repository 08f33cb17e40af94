/**
 * Tools called without an agent. A slash command ("/order") and the server-to-server API read through the same
 * tools the agents call, so a read has one path wherever it comes from: the tool's input checks, its scoping to
 * the customer and its error codes. Only reads run here; a write in a chat waits for the customer's button, and
 * the API's cancel runs the write's confirmed half directly (the calling system already has the consent).
 */
import { runTool } from '../../tools/run-tool.ts'
import { fail, type ToolContext, type ToolPlugin, type ToolResult } from '../../tools/types.ts'
import type { Customer } from '../generated/prisma/client.ts'
import type { Locale } from '../i18n/format.ts'
import type { Logger } from '../logger.ts'
import type { Services } from '../services/index.ts'
import type { Identity, Reply } from './types.ts'

export interface DirectToolsDeps {
  services: Services
  now?: () => Date
}

/** Who a direct call is for: a channel identity (its linked customer), or a customer named by a trusted caller. */
export type DirectCaller = { identity: Identity; customer: Customer | null } | { customerId: string }

export interface DirectCall {
  locale: Locale
  log: Logger
}

export interface DirectTools {
  /**
   * Runs a read tool for the caller and renders its answer. A customer id that names nobody answers
   * `customer_not_found`; a tool that is not a read is a programming error (it throws).
   */
  read<I, D>(
    tool: ToolPlugin<I, D>,
    caller: DirectCaller,
    input: unknown,
    call: DirectCall,
  ): Promise<{ result: ToolResult<D>; reply: Reply }>
  /** Runs the confirmed half of a write tool at once, for a trusted caller; DomainErrors are thrown. */
  confirmWrite(tool: ToolPlugin, customerId: string, args: unknown, actor: string, locale: Locale): Promise<Reply>
}

const noStaging: ToolContext['pendingActions'] = {
  create() {
    throw new Error('a direct tool call stages no confirmation')
  },
}

export function createDirectTools(deps: DirectToolsDeps): DirectTools {
  const now = deps.now ?? (() => new Date())

  async function customerOf(caller: DirectCaller): Promise<{ customer?: Customer; identity?: Identity } | null> {
    if ('identity' in caller) {
      return caller.customer ? { customer: caller.customer, identity: caller.identity } : { identity: caller.identity }
    }
    const customer = await deps.services.crm.findCustomer(caller.customerId)
    return customer ? { customer } : null
  }

  return {
    async read<I, D>(tool: ToolPlugin<I, D>, caller: DirectCaller, input: unknown, call: DirectCall) {
      if (tool.effect.kind !== 'read') throw new Error(`${tool.name} is not a read tool`)
      const who = await customerOf(caller)
      const result = who
        ? await runTool(tool, { ...who, services: deps.services, pendingActions: noStaging, ...call, now }, input)
        : fail<D>('customer_not_found', 'No customer has this id.')
      return { result, reply: tool.render(result, call.locale) }
    },
    async confirmWrite(tool, customerId, args, actor, locale) {
      if (tool.effect.kind !== 'write') throw new Error(`${tool.name} is not a write tool`)
      const confirmed = tool.effect.confirmed
      return confirmed.execute({ services: deps.services, customerId, actor, locale }, confirmed.args.parse(args))
    },
  }
}
