/**
 * The layer rules of docs/architecture.md, checked by `npm test` (`npm run check:layers`).
 *
 *   adapters/, src/http/  →  src/core  →  src/agent  →  tools/  →  src/services  →  src/gateways, src/db
 *
 * src/ops (metrics, error reports, alerts about the bot, the stop sequence) watches the layers from the side: the
 * entry points and src/http use it; it may read the layers below http (their observer hooks, Claude's status, the
 * services' backlog and alert store) but no channel and no route, and it reaches the database only through the
 * services. The layers it watches declare the small observer interfaces they call and never import it.
 * Nothing imports upward; only services, gateways (the offline ones stand in for an outside API) and db reach the
 * database. Shared by every layer: src/core/types.ts (the message contracts), src/i18n, src/logger.ts,
 * src/config.ts, src/project-root.ts, Prisma's generated enums and row types. src/app.ts and src/main.ts compose
 * everything and may import anything.
 */
const layer = {
  adapters: '^adapters/',
  http: '^src/http/',
  core: '^src/core/',
  agent: '^src/agent/',
  tools: '^tools/',
  services: '^src/services/',
  gateways: '^src/gateways/',
  db: '^src/db/',
  ops: '^src/ops/',
}
const root = '^src/(app|main)[.]ts$'
/**
 * Commands on this machine that open the database themselves (or reach the running server that holds it): the
 * terminal chat, the shop's data loaders (`npm run import`, `npm run sync`, `npm run demo:remove` share
 * shop-sink.ts, which opens the database and builds the app) and the console's account command.
 */
const entryPoints = '^adapters/cli/(chat|shop-sink|console-user)[.]ts$'
/** The database handles: the Prisma client (runtime) and the plain SQL client. */
const database =
  '^src/(db/(client|sql|snapshot|prepare|migrate|seed)[.]ts|db/backup/|generated/prisma/(client|internal|models)[^/]*)'

const upward = (name, from, to) => ({
  name,
  severity: 'error',
  comment: `${name}: imports go down the layers (docs/architecture.md)`,
  from: { path: from },
  to: { path: to, pathNot: '^src/core/types[.]ts$' },
})

module.exports = {
  forbidden: [
    {
      name: 'only-entry-points-build-the-app',
      severity: 'error',
      comment:
        'createApp is called by the entry points (main, the terminal chat, the data loaders); others receive its parts',
      from: { path: '^(adapters|tools|src)/', pathNot: [root, entryPoints] },
      to: { path: root, dependencyTypesNot: ['type-only'] },
    },
    upward('ops-watches-no-channel-or-route', layer.ops, `${layer.adapters}|${layer.http}`),
    upward('core-stays-below-channels', layer.core, `${layer.adapters}|${layer.http}|${layer.ops}`),
    upward('agent-stays-below-core', layer.agent, `${layer.adapters}|${layer.http}|${layer.ops}|${layer.core}`),
    upward(
      'tools-stay-below-agent',
      layer.tools,
      `${layer.adapters}|${layer.http}|${layer.ops}|${layer.core}|${layer.agent}`,
    ),
    upward(
      'services-know-no-tool',
      layer.services,
      `${layer.adapters}|${layer.http}|${layer.ops}|${layer.core}|${layer.agent}|${layer.tools}`,
    ),
    upward(
      'gateways-and-db-at-the-bottom',
      `${layer.gateways}|${layer.db}`,
      `${layer.adapters}|${layer.http}|${layer.ops}|${layer.core}|${layer.agent}|${layer.tools}|${layer.services}`,
    ),
    {
      name: 'only-services-touch-the-database',
      severity: 'error',
      comment: 'Prisma and SQL are reached through src/services (docs/architecture.md)',
      from: {
        path: '^(adapters|tools|src)/',
        pathNot: ['^src/(services|gateways|db|generated|doctor)/', root, entryPoints],
      },
      to: { path: database, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-database-handle-outside-services',
      severity: 'error',
      comment: 'code above the services holds no Prisma or SQL client, not even as a type',
      from: {
        path: `${layer.adapters}|${layer.http}|${layer.ops}|${layer.core}|${layer.agent}|${layer.tools}`,
        // The terminal chat and the data loaders are entry points: they open the database when no server holds it.
        pathNot: entryPoints,
      },
      to: { path: '^src/db/(client|sql)[.]ts$' },
    },
  ],
  options: {
    includeOnly: '^(adapters|tools|src)/',
    doNotFollow: { path: ['^src/generated/', 'node_modules'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
}
