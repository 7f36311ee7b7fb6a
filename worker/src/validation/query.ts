import { zValidator } from '@hono/zod-validator'
import { z, type ZodType } from 'zod'
import { ApiError } from '../errors.ts'

export const oneOf = (values: readonly string[]) =>
  z.string().refine((v) => values.includes(v), { message: `must be one of ${values.join(', ')}` })

export const satisfying = (test: (value: string) => boolean, what: string) =>
  z.string().refine(test, { message: `must be ${what}` })

export const intInRange = (min: number, max: number) =>
  z.string().refine((v) => /^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max, {
    message: `must be a whole number from ${min} to ${max}`,
  })

/** A comma-separated list of 1..max items that each satisfy `test` (or nothing at all, with `allowEmpty`). */
export const commaList = (test: (item: string) => boolean, what: string, max = 100, options: { allowEmpty?: boolean } = {}) =>
  z.string().refine(
    (v) => {
      if (v === '' && options.allowEmpty) return true
      const items = v.split(',')
      return items.length >= 1 && items.length <= max && items.every((item) => item.length > 0 && test(item))
    },
    { message: `must be a comma-separated list of at most ${max} ${what}` },
  )

// ISO 8601 date or date-time, e.g. 2025-01-15 or 2023-10-11T04:59:21.764Z (offsets allowed).
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/
export const isoDate = () =>
  z.string().refine((v) => ISO_8601.test(v) && !Number.isNaN(Date.parse(v)), {
    message: 'must be an ISO 8601 date or date-time, e.g. 2025-01-15T10:30:00Z',
  })

type QuerySpec = Record<string, ZodType<string>>

/**
 * A strict query schema: every key must be listed (or match `extra`), every value must pass.
 * Unknown or repeated parameters fail with the parameter's name, before any upstream call.
 */
export function querySchema(spec: QuerySpec, extra?: { pattern: RegExp; value: ZodType<string> }) {
  return z.record(z.string(), z.union([z.string(), z.array(z.string())])).superRefine((query, ctx) => {
    for (const [key, value] of Object.entries(query)) {
      const schema = spec[key] ?? (extra?.pattern.test(key) ? extra.value : undefined)
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
}

function rejectWithParameter(where: 'query parameter' | 'header' | 'path parameter') {
  return (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string; keys?: string[] }[] } }) => {
    if (result.success) return
    const issue = result.error?.issues[0]
    // zod reports unknown keys of a strict object on the object itself, listing them in `keys`.
    const parameter = String(issue?.path[0] ?? issue?.keys?.[0] ?? '')
    if (issue?.keys) issue.message = 'is not a parameter this endpoint accepts'
    throw new ApiError('bad-request', `The ${where} ${parameter} ${issue?.message ?? 'is invalid'}.`, { parameter })
  }
}

export const validQuery = <T extends ZodType>(schema: T) =>
  zValidator('query', schema, rejectWithParameter('query parameter'))

export const validHeaders = <T extends ZodType>(schema: T) => zValidator('header', schema, rejectWithParameter('header'))

/** A path `:id` that must satisfy `test`; a malformed ID is a 400 that costs no upstream call. */
export const validId = (test: (value: string) => boolean, what: string) =>
  zValidator('param', z.object({ id: z.string().refine(test, { message: `must be ${what}` }) }), rejectWithParameter('path parameter'))

/** A stable, encoded query string: sorted keys, so equal queries share a cache entry. */
export function canonicalQuery(query: Record<string, string>): string {
  const params = new URLSearchParams()
  for (const key of Object.keys(query).sort()) params.set(key, query[key] as string)
  return params.toString()
}
