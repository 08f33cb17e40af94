/** The benchmarks `npm run bench` runs, in order. */
import { runServiceBench } from './services.ts'

export type Bench = (opts: { quick: boolean; emit: (line: object) => void }) => Promise<void>

export const benchmarks: [string, Bench][] = [['services', runServiceBench]]
