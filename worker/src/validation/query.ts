import { resolver, uniqueSymbol, validator } from 'hono-openapi'
import type { ValidationTargets } from 'hono'
import { z, type ZodType } from 'zod'
import { ApiError } from '../errors.ts'
import { capped } from '../bodies/read-body.ts'

const MAX_PARAMETER_NAME = 64

/** A string that passes `test`; `message` names what is wrong (in errors) and what is expected (in the contract). */
const checked = (test: (value: string) => boolean, message: string, json: Record<string, unknown> = {}) =>
  z
    .string()
    .refine(test, { message })
    .meta({ description: `${message.charAt(0).toUpperCase()}${message.slice(1)}.`, ...json })

export const oneOf = (values: readonly string[]) =>
  checked((v) => values.includes(v), `must be one of ${values.join(', ')}`, { enum: [...values] })

export const satisfying = (test: (value: string) => boolean, what: string) => checked(test, `must be ${what}`)

export const intInRange = (min: number, max: number) =>
  checked((v) => /^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max, `must be a whole number from ${min} to ${max}`, {
    pattern: '^[0-9]+$',
  })

/** A comma-separated list of 1..max items that each satisfy `test` (or nothing at all, with `allowEmpty`). */
export const commaList = (test: (item: string) => boolean, what: string, max = 100, options: { allowEmpty?: boolean } = {}) =>
  checked(
    (v) => {
      if (v === '' && options.allowEmpty) return true
      const items = v.split(',')
      return items.length >= 1 && items.length <= max && items.every((item) => item.length > 0 && test(item))
    },
    `must be a comma-separated list of at most ${max} ${what}${options.allowEmpty ? ' (or empty)' : ''}`,
  )

// ISO 8601 date or date-time, e.g. 2025-01-15 or 2023-10-11T04:59:21.764Z (offsets allowed).
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/
export const isoDate = () =>
  checked((v) => ISO_8601.test(v) && !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date or date-time, e.g. 2025-01-15T10:30:00Z')

type QuerySpec = Record<string, ZodType<string>>

/**
 * What the published contract (GET /openapi.json) shows for a validator whose own schema cannot say
 * it: `querySchema` validates a record (to name unknown and repeated parameters), and documents the
 * same per-parameter schemas as an object of optional parameters.
 */
const documentedAs = new WeakMap<ZodType, ZodType>()

/**
 * A strict query schema: every key must be listed (or match `extra`), every value must pass.
 * Unknown or repeated parameters fail with the parameter's name, before any upstream call.
 */
export function querySchema(spec: QuerySpec, extra?: { pattern: RegExp; value: ZodType<string>; example?: string }) {
  const schema = z.record(z.string(), z.union([z.string(), z.array(z.string())])).superRefine((query, ctx) => {
    for (const [key, value] of Object.entries(query)) {
      // Own keys only: `toString` or `constructor` must not find Object.prototype's (a 500 the fuzz found).
      const schema = (Object.hasOwn(spec, key) ? spec[key] : undefined) ?? (extra?.pattern.test(key) ? extra.value : undefined)
      if (!schema) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is not a parameter this endpoint accepts' })
        continue
      }
      if (Array.isArray(value)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'must be given once' })
        continue
      }
      const result = schema.safeParse(value)
      if (!result.success) ctx.addIssue({ code: 'custom', path: [key], message: result.error.issues[0]?.message ?? 'is invalid' })
    }
  }) as unknown as ZodType<Record<string, string>>
  const documented: Record<string, ZodType> = Object.fromEntries(Object.entries(spec).map(([key, value]) => [key, value.optional()]))
  // A pattern of names (fields[<type>]) is one documented parameter per example name.
  if (extra?.example)
    documented[extra.example] = extra.value.optional().meta({ description: `Also any name matching ${extra.pattern.source}.` })
  documentedAs.set(schema, z.object(documented))
  return schema
}

/** `schema.superRefine(check)`, still documented as the query it refines (a cross-parameter rule). */
export function refineQuery<T extends ZodType<Record<string, string>>>(
  schema: T,
  check: (query: Record<string, string>, ctx: z.RefinementCtx) => void,
) {
  const refined = schema.superRefine(check)
  const documented = documentedAs.get(schema)
  if (documented) documentedAs.set(refined, documented)
  return refined
}

type Issue = { path?: readonly (PropertyKey | { key: PropertyKey })[]; message: string; keys?: string[] }

function rejectWithParameter(where: 'query parameter' | 'header' | 'path parameter') {
  // Standard Schema hands zod's own issues through (with `keys` for unknown keys of a strict object).
  return (result: { success: boolean; error?: readonly Issue[] }) => {
    if (result.success) return
    const issue = result.error?.[0]
    const first = issue?.path?.[0]
    // zod reports unknown keys of a strict object on the object itself, listing them in `keys`.
    // The name is the client's own text (an unknown parameter): echoed, but never more than 64 characters.
    const parameter = capped(String((typeof first === 'object' ? first.key : first) ?? issue?.keys?.[0] ?? ''), MAX_PARAMETER_NAME) ?? ''
    if (issue?.keys) issue.message = 'is not a parameter this endpoint accepts'
    throw new ApiError('bad-request', `The ${where} ${parameter} ${issue?.message ?? 'is invalid'}.`, { parameter })
  }
}

/**
 * hono-openapi's validator (Standard Schema, so zod's own checks and messages), which also records the
 * schema for the published contract; a schema registered by `querySchema` is documented as its object form.
 */
function validating<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
  where: Parameters<typeof rejectWithParameter>[0],
) {
  const middleware = validator(target, schema, rejectWithParameter(where))
  const documented = documentedAs.get(schema)
  if (documented) Object.assign(middleware, { [uniqueSymbol]: { target, ...resolver(documented) } })
  return middleware
}

/**
 * Hono gathers the query into a plain object, where a parameter named `__proto__` sets the object's
 * prototype instead of a key: the schema never sees it. Such a name is refused here as unknown, as
 * any other would be, rather than dropped in silence (the fuzz found it).
 */
export const validQuery = <T extends ZodType>(schema: T) => {
  const middleware = validating('query', schema, 'query parameter')
  const refusingProto: typeof middleware = (c, next) => {
    const url = new URL(c.req.url)
    const malformed = malformedParameter(url.search)
    if (malformed !== null) {
      const parameter = capped(malformed, MAX_PARAMETER_NAME) ?? ''
      throw new ApiError('bad-request', `The query parameter ${parameter} is not validly percent-encoded.`, { parameter })
    }
    if (url.searchParams.has('__proto__')) {
      throw new ApiError('bad-request', 'The query parameter __proto__ is not a parameter this endpoint accepts.', {
        parameter: '__proto__',
      })
    }
    return middleware(c, next)
  }
  // The contract reads the schema hono-openapi records on the middleware itself.
  return Object.assign(refusingProto, middleware)
}

/**
 * The first parameter whose name or value is not valid percent-encoding (a stray `%`, or bytes that
 * are not UTF-8), by its name as far as it decodes; null when all are. Decoding such a value would
 * put U+FFFD where the client's text was and send that upstream: a path refuses it, and so does a query.
 */
function malformedParameter(search: string): string | null {
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    const name = eq === -1 ? part : part.slice(0, eq)
    const value = eq === -1 ? '' : part.slice(eq + 1)
    const decodedName = decodes(name)
    if (decodedName === null) return name
    if (decodes(value) === null) return decodedName
  }
  return null
}

function decodes(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return null
  }
}

export const validHeaders = <T extends ZodType>(schema: T) => validating('header', schema, 'header')

/** A path `:id` that must satisfy `test`; a malformed ID is a 400 that costs no upstream call. */
export const validId = (test: (value: string) => boolean, what: string) =>
  validating(
    'param',
    z.object({
      id: z
        .string()
        .refine(test, { message: `must be ${what}` })
        .meta({ description: `Must be ${what}.` }),
    }),
    'path parameter',
  )

/** A stable, encoded query string: sorted keys, so equal queries share a cache entry. */
export function canonicalQuery(query: Record<string, string>): string {
  const params = new URLSearchParams()
  for (const key of Object.keys(query).sort()) params.set(key, query[key] as string)
  return params.toString()
}
