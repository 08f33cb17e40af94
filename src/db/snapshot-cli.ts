/** Builds the database snapshots when missing or stale (`scripts/build.mjs` runs it compiled; see snapshot.ts). */
import { ensureSnapshots } from './snapshot-build.ts'

const started = performance.now()
process.stderr.write('build: checking the database snapshots\n')
const built = await ensureSnapshots()
process.stderr.write(
  built
    ? `build: database snapshots built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`
    : 'build: database snapshots are up to date\n',
)
