/**
 * Whether Claude is set up right: the key is accepted and the model exists for it (one Models API request at
 * start, the same one `npm run doctor` makes). A refused key, an unknown or retired model, a missing permission
 * or an empty balance (400/401/402/403/404) is a set-up fault: logged at error, shown in `/readyz`, told to staff
 * once (`onFault`), and until it is fixed the rule agent answers with its limited-mode notice. A fault is checked
 * again every `recheckMs`, so a fixed account (a topped-up balance, a granted permission) needs no restart.
 * Network trouble at start is not a fault: Claude stays on and the circuit breaker looks after outages.
 */
import type { Logger } from '../logger.ts'
import { type AnthropicApi, type ApiFailure, classifyFailure, type ModelInfo } from './anthropic-api.ts'
import { sdkDeprecation } from './models.ts'

export interface SetupFault {
  /** HTTP status of the refusal; absent when the model is retired. */
  status?: number
  type: string
  message: string
  model: string
}

export type SetupStatus =
  | { state: 'unchecked' }
  | { state: 'ok'; checkedAt: string; lifecycle?: string; retiresAt?: string | null }
  /** The API could not be reached when checked; Claude stays on. */
  | { state: 'unverified'; checkedAt: string; reason: string }
  | { state: 'setup_fault'; checkedAt: string; fault: SetupFault }

export interface ClaudeSetupDeps {
  api: AnthropicApi
  model: string
  log: Logger
  now: () => number
  /** Told once per distinct fault (status + type + model) in this process. */
  onFault?: (fault: SetupFault) => void | Promise<void>
  /** A fault is checked again after this long (default 10 minutes). */
  recheckMs?: number
  /** Timeout of the check (default 5000 ms). */
  timeoutMs?: number
}

export interface ClaudeSetup {
  /** Asks the Models API about the key and the model, and records the answer (timeout: the default, or less). */
  check(timeoutMs?: number): Promise<SetupStatus>
  /** Records a set-up refusal met while answering (a key revoked while running). */
  reportFault(failure: ApiFailure): void
  /** True while a set-up fault stands and no re-check is due. */
  blocked(): boolean
  /** True when a fault stands and it is time to check again. */
  recheckDue(): boolean
  status(): SetupStatus
}

export function createClaudeSetup(deps: ClaudeSetupDeps): ClaudeSetup {
  const recheckMs = deps.recheckMs ?? 10 * 60_000
  let status: SetupStatus = { state: 'unchecked' }
  let faultAt = 0
  const told = new Set<string>()

  function iso(): string {
    return new Date(deps.now()).toISOString()
  }

  function fault(found: SetupFault): SetupStatus {
    faultAt = deps.now()
    status = { state: 'setup_fault', checkedAt: iso(), fault: found }
    deps.log.error(
      { status: found.status, errorType: found.type, model: found.model, detail: found.message },
      'claude is not set up right (check ANTHROPIC_API_KEY and ANTHROPIC_MODEL, or run `npm run doctor`); the rule agent answers in limited mode',
    )
    const key = `${found.status ?? ''}:${found.type}:${found.model}`
    if (!told.has(key)) {
      told.add(key)
      Promise.resolve(deps.onFault?.(found)).catch((error: unknown) =>
        deps.log.error({ err: error }, 'staff could not be told about the claude set-up fault'),
      )
    }
    return status
  }

  function faultOf(failure: ApiFailure): SetupFault {
    return {
      ...(failure.status !== undefined ? { status: failure.status } : {}),
      type: failure.type,
      message: failure.message,
      model: deps.model,
    }
  }

  function accepted(info: ModelInfo): SetupStatus {
    if (info.lifecycle === 'retired') {
      return fault({ type: 'model_retired', message: `${deps.model} is retired`, model: deps.model })
    }
    const wasFault = status.state === 'setup_fault'
    status = { state: 'ok', checkedAt: iso(), lifecycle: info.lifecycle, retiresAt: info.retires_at ?? null }
    if (info.lifecycle === 'deprecated') {
      deps.log.warn(
        { model: deps.model, retiresAt: info.retires_at },
        'the claude model is deprecated: choose a current one in ANTHROPIC_MODEL before it retires',
      )
    }
    if (wasFault) deps.log.info({ model: deps.model }, 'claude set-up fault cleared')
    return status
  }

  return {
    async check(timeoutMs) {
      const eol = sdkDeprecation(deps.model)
      if (eol)
        deps.log.warn({ model: deps.model, endOfLife: eol }, 'the installed SDK lists this claude model as deprecated')
      try {
        const limit = Math.min(timeoutMs ?? Number.POSITIVE_INFINITY, deps.timeoutMs ?? 5000)
        return accepted(await deps.api.retrieveModel(deps.model, { timeoutMs: limit }))
      } catch (error) {
        const failure = classifyFailure(error)
        if (failure?.kind === 'setup' || failure?.kind === 'request') return fault(faultOf(failure))
        const reason = failure ? `${failure.type}: ${failure.message}` : String(error)
        if (status.state === 'setup_fault') {
          faultAt = deps.now()
          return status
        }
        status = { state: 'unverified', checkedAt: iso(), reason }
        deps.log.warn({ reason, model: deps.model }, 'claude could not be checked at start; it stays on')
        return status
      }
    },
    reportFault(failure) {
      fault(faultOf(failure))
    },
    blocked() {
      return status.state === 'setup_fault' && deps.now() - faultAt < recheckMs
    },
    recheckDue() {
      return status.state === 'setup_fault' && deps.now() - faultAt >= recheckMs
    },
    status: () => status,
  }
}
