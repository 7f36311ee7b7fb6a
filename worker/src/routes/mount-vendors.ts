import type { Hono } from 'hono'
import type { HonoBase } from 'hono/hono-base'
import type { Env, MergePath, MergeSchemaPath, Schema } from 'hono/types'

type Routers = { readonly [name: string]: Hono<any, any, any> }

/**
 * The routes of every router in `routers` as mounted at `/v1/<name>`: for each, what
 * `.route('/v1/<name>', router)` adds to the app's schema, so the typed client (AppType) sees each
 * vendor's routes exactly as if they were mounted one by one.
 */
type MountedAtV1<R extends Routers, BasePath extends string> = {
  [Name in keyof R & string]: R[Name] extends Hono<any, infer S extends Schema, any>
    ? MergeSchemaPath<S, MergePath<BasePath, `/v1/${Name}`>>
    : never
}[keyof R & string]

/**
 * Mounts each vendor's router at `/v1/<name>`, in the registry's order (vendors/routers.ts). Typed
 * on HonoBase, the type `.route()` answers with, so it chains like `.route()`.
 */
export function mountVendors<E extends Env, S extends Schema, BasePath extends string, CurrentPath extends string, R extends Routers>(
  app: HonoBase<E, S, BasePath, CurrentPath>,
  routers: R,
): HonoBase<E, S | MountedAtV1<R, BasePath>, BasePath, CurrentPath> {
  for (const [name, router] of Object.entries(routers)) app.route(`/v1/${name}`, router)
  // `.route()` adds to the app it is called on and returns it; only its type changes.
  return app as HonoBase<E, S | MountedAtV1<R, BasePath>, BasePath, CurrentPath>
}
