/** The benchmarks `npm run bench` runs, in order. */
import { runCoreBench } from './core.ts'
import { runHttpBench } from './http.ts'
import { runServiceBench } from './services.ts'
import { runStartupBench } from './startup.ts'
import { runTelegramBench } from './telegram.ts'

export type Bench = (opts: { quick: boolean; emit: (line: object) => void }) => Promise<void>

export const benchmarks: [string, Bench][] = [
  ['services', runServiceBench],
  ['http', runHttpBench],
  ['core', runCoreBench],
  ['telegram', runTelegramBench],
  ['startup', runStartupBench],
]
