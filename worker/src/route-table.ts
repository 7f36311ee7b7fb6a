import type { Context, Hono } from 'hono'
import { matchedRoutes } from 'hono/route'
import { PatternRouter } from 'hono/router/pattern-router'

/*
 * The relay's paths are declared once, by the routers (routes/*.ts) mounted in app.ts; everything
 * that names a route (the audit, the metrics, the write check) asks Hono for it instead of keeping
 * a table of its own that could drift from the routers.
 */

/** The route pattern (`/v1/persona/inquiries/:id`) a path belongs to, whatever the method, or null. */
export type RouteOf = (path: string) => string | null

/**
 * Reads the app's routes on first use (by then every router is mounted). Any method: a 405 or a CORS
 * preflight on a route is still recorded under that route. Middleware (`*`, `/v1/*`) is not a route.
 */
export function routeTableOf(app: Hono<any, any, any>): RouteOf {
  let router: PatternRouter<string> | undefined
  return (path) => {
    if (!router) {
      router = new PatternRouter<string>()
      for (const route of app.routes) if (route.method !== 'ALL' && !route.path.includes('*')) router.add('ALL', route.path, route.path)
    }
    const [matches] = router.match('GET', path)
    return matches.at(-1)?.[0] ?? null
  }
}

/** True when a router declared a handler for this request's method and path (not only middleware). */
export const hasRouteFor = (c: Context): boolean => matchedRoutes(c).some((route) => route.method === c.req.method)

/** The vendor a route serves: its segment after `/v1/` when that names a configured vendor. */
export function vendorOfRoute(route: string | null, vendors: readonly string[]): string | null {
  const segment = route?.split('/')[2]
  return segment !== undefined && vendors.includes(segment) ? segment : null
}
