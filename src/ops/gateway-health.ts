/**
 * What this instance saw of each outside API: since when its requests have failed without a success in between.
 * Fed by the metrics observer; read by the alert monitor. An instance that sent nothing has no opinion.
 */
import type { MetricsObserver } from './metrics.ts'

const failures = new Set(['server_error', 'timeout', 'unreachable'])

export interface GatewayHealth {
  /** Gateways failing since a time (epoch ms), and those seen working since the last check. */
  failingSince(): ReadonlyMap<string, number>
  seenWorking(): ReadonlySet<string>
  /** Forgets the "seen working" marks (after a check used them). */
  clearSeen(): void
}

/** Wraps an observer so gateway outcomes also update the health record. */
export function trackGatewayHealth<O extends MetricsObserver>(
  observer: O,
  now: () => number = Date.now,
): { observer: O; health: GatewayHealth } {
  const failing = new Map<string, number>()
  const working = new Set<string>()
  return {
    observer: {
      ...observer,
      gatewayRequest(gateway, outcome, seconds) {
        observer.gatewayRequest(gateway, outcome, seconds)
        if (failures.has(outcome)) {
          if (!failing.has(gateway)) failing.set(gateway, now())
        } else {
          failing.delete(gateway)
          working.add(gateway)
        }
      },
    },
    health: {
      failingSince: () => failing,
      seenWorking: () => working,
      clearSeen: () => working.clear(),
    },
  }
}
