import type { Hono, MiddlewareHandler } from 'hono'
import type { ZodType } from 'zod'

const OK_BODY = Symbol('ok body')

type Marked = MiddlewareHandler & { [OK_BODY]?: ZodType }

/**
 * Declares a route's 200 body for /openapi.json where the route itself is declared: a handler that
 * does nothing but carry the schema, read back from the app's routes (`okBodies`).
 */
export function okBody(schema: ZodType): MiddlewareHandler {
  const marker: Marked = (_c, next) => next()
  marker[OK_BODY] = schema
  return marker
}

/** Every route's declared 200 body, by OpenAPI path (`/v1/persona/inquiries/{id}`). */
export function okBodies(app: Hono<any, any, any>): Record<string, ZodType> {
  const out: Record<string, ZodType> = {}
  for (const route of app.routes) {
    const schema = (route.handler as Marked)[OK_BODY]
    if (schema) out[route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')] = schema
  }
  return out
}

const OK_FILE = Symbol('ok file')

/** A 200 that is a file rather than JSON (the audit export): its media types and what it holds. */
export type OkFile = { mediaTypes: string[]; description: string }
type FileMarked = MiddlewareHandler & { [OK_FILE]?: OkFile }

/** Declares a route's 200 as a download (`okBody`'s counterpart for non-JSON answers). */
export function okFile(file: OkFile): MiddlewareHandler {
  const marker: FileMarked = (_c, next) => next()
  marker[OK_FILE] = file
  return marker
}

/** Every route's declared file answer, by OpenAPI path. */
export function okFiles(app: Hono<any, any, any>): Record<string, OkFile> {
  const out: Record<string, OkFile> = {}
  for (const route of app.routes) {
    const file = (route.handler as FileMarked)[OK_FILE]
    if (file) out[route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')] = file
  }
  return out
}
