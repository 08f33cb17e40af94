/** The benchmarks `npm run bench` runs, in order. */
import { runClaudeCacheBench } from './claude-cache.ts'
import { runConsoleDashboardBench } from './console-dashboard.ts'
import { runCoreBench } from './core.ts'
import { runHttpBench } from './http.ts'
import { runMetricsCostBench } from './metrics-cost.ts'
import { runServiceBench } from './services.ts'
import { runShopImportBench } from './shop-import.ts'
import { runStartupBench } from './startup.ts'
import { runTelegramBench } from './telegram.ts'

export type Bench = (opts: { quick: boolean; emit: (line: object) => void }) => Promise<void>

export const benchmarks: [string, Bench][] = [
  ['services', runServiceBench],
  ['http', runHttpBench],
  ['metrics', runMetricsCostBench],
  ['core', runCoreBench],
  ['claude', runClaudeCacheBench],
  ['telegram', runTelegramBench],
  ['startup', runStartupBench],
  ['shop_import', runShopImportBench],
  ['console', runConsoleDashboardBench],
]
