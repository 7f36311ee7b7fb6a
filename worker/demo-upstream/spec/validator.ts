/**
 * Validates demo upstream responses against Persona's official OpenAPI documents (vendored beside this
 * file, Apache-2.0, see NOTICE.md). Each document is added to Ajv whole, under its own `$id`, so the
 * spec's internal `#/components/...` references resolve as written; a response is then checked against
 * the schema at `paths/<path>/get/responses/<status>/content/application/json/schema`.
 */
import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

export const SPEC_VERSIONS = ['2025-12-08', '2023-01-05'] as const
export type SpecVersion = (typeof SPEC_VERSIONS)[number]

/** The read operations the demo serves, by the spec's own path templates. */
export type SpecPath =
  | '/inquiries'
  | '/inquiries/{inquiry-id}'
  | '/inquiry-sessions'
  | '/inquiry-sessions/{inquiry-session-id}'
  | '/events'
  | '/events/{event-id}'
  | '/verifications/{verification-id}'
  | `/verification/${string}/{verification-id}`
  | '/cases'
  | '/cases/{case-id}'

/** The agent actions the demo serves (POST), by the spec's path templates. */
export type ActionPath =
  | '/inquiries/{inquiry-id}/generate-one-time-link'
  | '/inquiries/{inquiry-id}/add-tag'
  | '/inquiries/{inquiry-id}/remove-tag'
  | '/inquiries/{inquiry-id}/approve'
  | '/inquiries/{inquiry-id}/decline'
  | '/inquiries/{inquiry-id}/mark-for-review'
  | '/cases/{case-id}/assign'
  | '/cases/{case-id}/set-status'

type Operation = {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>
  requestBody?: { $ref?: string }
}
type OpenApiDocument = {
  paths: Record<string, { get: Operation; post?: Operation }>
  components: { responses: Record<string, { content: Record<string, { schema: unknown }> }>; schemas: Record<string, unknown> }
}

// ajv-formats is CommonJS with a default export; under NodeNext its namespace object is what we get.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020

const pointer = (...segments: string[]) => segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')

export class PersonaSpec {
  private static readonly shared = new Map<SpecVersion, PersonaSpec>()
  /** One validator per version for the whole test process: compiling a response schema takes Ajv most of its time. */
  static of(version: SpecVersion): PersonaSpec {
    let spec = PersonaSpec.shared.get(version)
    if (!spec) PersonaSpec.shared.set(version, (spec = new PersonaSpec(version)))
    return spec
  }

  readonly version: SpecVersion
  private readonly ajv: Ajv2020
  private readonly document: OpenApiDocument
  private readonly id: string
  private readonly compiled = new Map<string, ValidateFunction>()
  /** Resource `type` → the spec's schema for it (the discriminator mapping of included objects). */
  private readonly objectSchemas: Record<string, string>

  constructor(version: SpecVersion) {
    this.version = version
    this.document = JSON.parse(readFileSync(new URL(`./${version}.json`, import.meta.url), 'utf8')) as OpenApiDocument
    this.id = `https://persona.test/openapi/${version}.json`
    // strict: false because OpenAPI adds keywords JSON Schema doesn't know (discriminator, x-persona-*,
    // example); they add no rules: `oneOf` alone already requires exactly one branch to match.
    this.ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats(this.ajv)
    // OpenAPI's numeric formats (on numbers, where JSON Schema formats do not apply anyway).
    for (const format of ['integer', 'int32', 'int64', 'float', 'double']) this.ajv.addFormat(format, true)
    this.ajv.addSchema({ ...this.document, $id: this.id })
    // Every type any included list names, by the spec's discriminator mappings.
    this.objectSchemas = {}
    for (const list of ['inquiry-included-objects', 'verification-included-objects', 'cases-included-objects']) {
      const included = this.document.components.schemas[list] as { items: { discriminator: { mapping: Record<string, string> } } }
      Object.assign(this.objectSchemas, included.items.discriminator.mapping)
    }
    for (const type of ['inquiry', 'inquiry-session', 'device', 'network', 'event', 'case'])
      this.objectSchemas[type] ??= `#/components/schemas/${type}`
  }

  /** The validator for one operation's response body (GET, or POST for an action); error responses follow their `$ref`. */
  validator(path: SpecPath | ActionPath, status: number, method: 'get' | 'post' = 'get'): ValidateFunction {
    const key = `${method} ${path} ${status}`
    let validate = this.compiled.get(key)
    if (!validate) {
      const response = this.document.paths[path]?.[method]?.responses[String(status)]
      if (!response) throw new Error(`Persona ${this.version} documents no ${status} for ${method.toUpperCase()} ${path}`)
      const location = response.$ref
        ? `${response.$ref.slice(1)}/content/${pointer('application/json')}/schema`
        : `/${pointer('paths', path, method, 'responses', String(status), 'content', 'application/json', 'schema')}`
      validate = this.ajv.compile({ $ref: `${this.id}#${location}` })
      this.compiled.set(key, validate)
    }
    return validate
  }

  /** Whether the spec documents a request body for POST `path` (mark-for-review documents none). */
  takesBody(path: ActionPath): boolean {
    return this.document.paths[path]?.post?.requestBody !== undefined
  }

  /** Errors of an action's request body against the spec's `requestBody` (its `$ref` followed), as readable lines. */
  requestErrors(path: ActionPath, body: unknown): string[] {
    const key = `request ${path}`
    let validate = this.compiled.get(key)
    if (!validate) {
      const requestBody = this.document.paths[path]?.post?.requestBody
      if (!requestBody) throw new Error(`Persona ${this.version} documents no request body for POST ${path}`)
      const base = requestBody.$ref ? requestBody.$ref.slice(1) : `/${pointer('paths', path, 'post', 'requestBody')}`
      validate = this.ajv.compile({ $ref: `${this.id}#${base}/content/${pointer('application/json')}/schema` })
      this.compiled.set(key, validate)
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => describe(e, body))
  }

  /** Errors of an action's answer against its documented 200 (inquiry or case, and the link's `meta`). */
  actionErrors(path: ActionPath, body: unknown): string[] {
    const validate = this.validator(path, 200, 'post')
    return validate(body) ? [] : (validate.errors ?? []).map((e) => describe(e, body))
  }

  /**
   * Errors of `body` against the documented response, as readable lines (empty when it conforms).
   * A failing `oneOf` reports every branch; so an included object's errors are taken from its own
   * schema (picked by its `type`, as the spec's discriminator says) and the rest from the body without them.
   */
  errors(path: SpecPath, status: number, body: unknown): string[] {
    const validate = this.validator(path, status)
    if (validate(body)) return []
    const raw = (validate.errors ?? []).map((e) => describe(e, body))
    const included = (body as { included?: unknown }).included
    if (!Array.isArray(included) || included.length === 0) return raw
    const outer = this.validator(path, status)({ ...(body as object), included: [] })
      ? []
      : (validate.errors ?? []).map((e) => describe(e, body))
    const inner = included.flatMap((item, i) => this.objectErrors(item).map((line) => `/included/${i}${line}`))
    return outer.length + inner.length > 0 ? [...outer, ...inner] : raw
  }

  /** Errors of one resource object against the spec's schema for its `type`. */
  objectErrors(resource: unknown): string[] {
    const type = (resource as { type?: unknown })?.type
    const ref = typeof type === 'string' ? this.objectSchemas[type] : undefined
    if (!ref) return [`/type ${JSON.stringify(type)} is not a type the spec describes`]
    let validate = this.compiled.get(ref)
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${this.id}${ref}` })
      this.compiled.set(ref, validate)
    }
    return validate(resource) ? [] : (validate.errors ?? []).map((e) => describe(e, resource))
  }
}

function describe(error: ErrorObject, body: unknown): string {
  let value: unknown = body
  for (const segment of error.instancePath.split('/').slice(1)) {
    value = (value as Record<string, unknown> | undefined)?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')]
  }
  const shown = JSON.stringify(value)?.slice(0, 80)
  return `${error.instancePath || '/'} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''} (${error.schemaPath}; value ${shown})`
}
