/** Reads the Prometheus text format the way a scraper does, for tests that compare values. */

/** Every sample: `name{label="v",…}` (labels sorted) → value. */
export function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line)
    if (!match) continue
    const [, name, , labelText, value] = match
    const labels = [...(labelText ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)]
      .map(([, key, v]) => `${key}="${v}"`)
      .sort()
    samples.set(labels.length ? `${name}{${labels.join(',')}}` : (name as string), Number(value))
  }
  return samples
}

/** One sample's value (0 when absent: a counter not yet incremented is not printed). */
export function sample(samples: Map<string, number>, name: string, labels: Record<string, string> = {}): number {
  const keys = Object.entries(labels)
    .map(([key, v]) => `${key}="${v}"`)
    .sort()
  return samples.get(keys.length ? `${name}{${keys.join(',')}}` : name) ?? 0
}

/** The metric family names a text exposes (from its `# TYPE` lines). */
export function metricNames(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1] as string))
}
