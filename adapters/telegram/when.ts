/**
 * `when(query, handler)`: middleware that hands updates matching a grammY filter query to `handler` and passes
 * every other update on. The same test as `composer.on(query, handler)`, but without the middleware chain that
 * grammY builds for every update reaching such a filter, which the busiest path of the bot would pay several times.
 *
 * @example bot.use(when('callback_query:data', (ctx) => ctx.answerCallbackQuery()))
 */
import { type Context, type Filter, type FilterQuery, type MiddlewareFn, matchFilter } from 'grammy'

export function when<Q extends FilterQuery>(
  query: Q | Q[],
  handler: (ctx: Filter<Context, Q>) => unknown,
): MiddlewareFn<Context> {
  const matches = matchFilter<Context, Q>(query)
  return async (ctx, next) => {
    if (matches(ctx)) await handler(ctx)
    else await next()
  }
}
