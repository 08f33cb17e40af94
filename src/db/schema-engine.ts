/**
 * The only module that touches `@prisma/schema-engine-wasm`, the WebAssembly build of Prisma's schema engine.
 * Its API is internal to Prisma, so the version is pinned and test/integration/db/migrate.test.ts migrates an
 * empty database through it: an upgrade that changes the API fails that test loudly.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg'

export type SchemaEngine = Awaited<ReturnType<typeof bg.SchemaEngine.new>>

let loaded: Promise<void> | undefined

/** Instantiates the wasm module once per process (the package's own entry needs a Node flag to load it). */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const wasmPath = createRequire(import.meta.url)
      .resolve('@prisma/schema-engine-wasm/schema_engine_bg')
      .replace(/\.js$/, '.wasm')
    const module = await WebAssembly.compile(readFileSync(wasmPath))
    const instance = await WebAssembly.instantiate(module, { './schema_engine_bg.js': bg as never })
    bg.__wbg_set_wasm(instance.exports)
    const start = (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start
    start?.()
  })()
  return loaded
}

/** Opens a schema engine over a driver adapter factory (PrismaPg or PrismaPGlite). */
export async function openSchemaEngine(
  schemaPath: string,
  schemaText: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<SchemaEngine> {
  await loadWasm()
  return bg.SchemaEngine.new(
    { datamodels: [[schemaPath, schemaText]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  )
}
