/**
 * A client of Shopify's Admin GraphQL API (`https://{shop}/admin/api/{version}/graphql.json`). It authenticates
 * either with a legacy admin-created app's token (SHOPIFY_ACCESS_TOKEN) or, for an app from the Dev Dashboard, with
 * the client-credentials grant (SHOPIFY_CLIENT_ID and SHOPIFY_CLIENT_SECRET): tokens last 24 hours and are renewed
 * a while before they expire, or at once when Shopify answers 401. A throttled query waits and is asked again.
 *
 * @example
 * const shopify = createShopifyClient({ shop: 'toko.myshopify.com', apiVersion: '2026-10', clientId, clientSecret, timeoutMs })
 * const data = await shopify.query(ordersQuery, { first: 50 }, ordersSchema)
 */
import { z } from 'zod'
import { PlatformError, platformRequest } from '../http.ts'

export interface ShopifyClientOptions {
  /** SHOPIFY_SHOP: the shop's myshopify.com domain. */
  shop: string
  /** SHOPIFY_API_VERSION. */
  apiVersion: string
  accessToken?: string
  clientId?: string
  clientSecret?: string
  timeoutMs: number
  /** How long before a granted token's expiry it is renewed (default 1 hour). */
  renewBeforeMs?: number
  now?: () => number
  fetch?: typeof fetch
  /** Waits between throttled attempts (tests pass a quick one). */
  sleep?: (ms: number) => Promise<void>
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  scope: z.string().optional(),
  expires_in: z.number().int().positive().optional(),
})

const graphqlSchema = z.looseObject({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.looseObject({ message: z.string(), extensions: z.looseObject({ code: z.string().optional() }).optional() }),
    )
    .optional(),
})

/** Default lifetime when Shopify does not say (the grant's tokens last 24 hours). */
const defaultLifetimeMs = 24 * 3600_000

export function createShopifyClient(options: ShopifyClientOptions) {
  const base = `https://${options.shop}`
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)))
  const renewBeforeMs = options.renewBeforeMs ?? 3600_000
  const secrets = [options.accessToken ?? '', options.clientSecret ?? '']
  let granted: { token: string; expiresAt: number } | null = null
  let pending: Promise<string> | null = null

  if (!options.accessToken && !(options.clientId && options.clientSecret)) {
    throw new Error('Shopify needs SHOPIFY_ACCESS_TOKEN, or SHOPIFY_CLIENT_ID with SHOPIFY_CLIENT_SECRET')
  }

  async function grant(): Promise<string> {
    const { body } = await platformRequest({
      platform: 'shopify',
      url: `${base}/admin/oauth/access_token`,
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.clientId ?? '',
        client_secret: options.clientSecret ?? '',
      }),
      schema: tokenSchema,
      timeoutMs: options.timeoutMs,
      secrets,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    })
    const lifetime = (body.expires_in ?? defaultLifetimeMs / 1000) * 1000
    granted = { token: body.access_token, expiresAt: now() + lifetime }
    secrets.push(body.access_token)
    return body.access_token
  }

  /** The token to send: the legacy one, or a granted one renewed ahead of its expiry. */
  async function token(): Promise<string> {
    if (options.accessToken) return options.accessToken
    if (granted && granted.expiresAt - renewBeforeMs > now()) return granted.token
    // Concurrent callers share one grant request.
    pending ??= grant().finally(() => {
      pending = null
    })
    return pending
  }

  async function query<T>(document: string, variables: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let answer: z.infer<typeof graphqlSchema>
      try {
        answer = (
          await platformRequest({
            platform: 'shopify',
            url: `${base}/admin/api/${options.apiVersion}/graphql.json`,
            method: 'POST',
            headers: { 'X-Shopify-Access-Token': await token() },
            body: { query: document, variables },
            schema: graphqlSchema,
            timeoutMs: options.timeoutMs,
            secrets,
            ...(options.fetch ? { fetch: options.fetch } : {}),
          })
        ).body
      } catch (error) {
        // A granted token Shopify no longer takes: ask for a new one, once.
        if (error instanceof PlatformError && error.httpStatus === 401 && !options.accessToken && attempt === 1) {
          granted = null
          continue
        }
        if (error instanceof PlatformError && error.httpStatus === 429 && attempt < 4) {
          await sleep(1000 * attempt)
          continue
        }
        throw error
      }
      const errors = answer.errors ?? []
      if (errors.some((e) => e.extensions?.code === 'THROTTLED') && attempt < 4) {
        await sleep(1000 * attempt)
        continue
      }
      if (errors.length > 0) {
        throw new PlatformError(
          'shopify',
          'refused',
          errors
            .map((e) => e.message)
            .join('; ')
            .slice(0, 300),
        )
      }
      const parsed = schema.safeParse(answer.data)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new PlatformError(
          'shopify',
          'invalid_response',
          `${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'unexpected shape'}`,
        )
      }
      return parsed.data
    }
  }

  return {
    query,
    /** The token in use (granting one if needed): for the start-up check. */
    token,
    /** When the granted token expires (null for a legacy token or before the first grant). */
    tokenExpiresAt: () => (granted ? new Date(granted.expiresAt) : null),
  }
}

export type ShopifyClient = ReturnType<typeof createShopifyClient>
