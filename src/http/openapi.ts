/**
 * The OpenAPI 3 document, generated from the same zod schemas the routes validate with
 * (fastify-type-provider-zod's `jsonSchemaTransform` feeding @fastify/swagger), served at
 * `GET /docs/openapi.json`. Register it before any route: swagger collects routes as they are added.
 */
import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'

export const openApiPath = '/docs/openapi.json'

/** Queues swagger and the document route on `app` (the root instance, so every later route is seen). */
export function registerOpenApi(app: FastifyInstance): void {
  app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Layan HTTP API',
        description:
          'Tool endpoints for server-to-server bot integrations, payment and courier webhooks, health checks. ' +
          'Errors are always { "success": false, "error": { "code", "message", "field"? } }.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          botToken: { type: 'http', scheme: 'bearer', description: 'BOT_API_TOKEN' },
          shopToken: { type: 'http', scheme: 'bearer', description: 'SHOP_API_TOKEN' },
          courierSecret: { type: 'apiKey', in: 'header', name: 'x-courier-secret' },
        },
      },
    },
    transform: jsonSchemaTransform,
  })
  app.register(async (scope) => {
    scope.get(openApiPath, { schema: { hide: true }, config: { rateLimit: false } }, async () => app.swagger())
  })
}
