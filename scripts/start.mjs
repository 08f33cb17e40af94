/**
 * `npm start`: runs the server compiled into dist/ (scripts/build.mjs). When a source file changed since the last
 * build it compiles first (about a second), so an edited source never runs stale. The server then runs in this
 * same process: started directly (`node scripts/start.mjs`, as the Dockerfile does) it behaves the same and
 * receives the stop signal itself. Arguments pass through (`--fresh`, `--migrate`).
 *
 * `npm run dev` runs the TypeScript sources through tsx instead and restarts on every change.
 */
import { buildIfStale } from './build.mjs'

await buildIfStale((line) => process.stderr.write(`${line}\n`))
// Stack traces in logs name the TypeScript sources.
process.setSourceMapsEnabled(true)
await import('../dist/main.js')
