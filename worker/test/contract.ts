/**
 * Checks a relay response against the relay's own published contract (GET /openapi.json): the status
 * must be one the document lists for that path and method, its body what the document says (the 200
 * body of a read, the live ticket, nothing for a 101 or 204), and every problem+json body, whatever the
 * path and method, a Problem. The test helpers (helpers.ts, live-helpers.ts) run every response the
 * worker suite receives through this, so the contract cannot drift from the code.
 * @cfworker/json-schema runs inside workerd (no code generation).
 */
import { Validator, type Schema } from '@cfworker/json-schema'
import { getPath } from 'hono/utils/url'

const DOCUMENT_ID = 'https://relay.test/openapi.json'

type Operation = { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }
type Document = { paths: Record<string, Record<string, Operation | undefined>>; components: { schemas: Record<string, Schema> } }

export class RelayContract {
  private readonly document: Document
  private readonly routes: { pattern: RegExp; path: string }[]
  private readonly validators = new Map<string, Validator>()

  constructor(document: unknown) {
    this.document = document as Document
    this.routes = Object.keys(this.document.paths).map((path) => ({
      path,
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }))
  }

  /** The OpenAPI path template a request path falls under, if any. */
  pathOf(pathname: string): string | undefined {
    return this.routes.find((r) => r.pattern.test(pathname))?.path
  }

  /** Errors of one response (empty when it conforms). */
  async check(method: string, url: string, res: Response): Promise<string[]> {
    // The path as Hono routes it: valid percent-escapes decoded (`/%76%31/` is `/v1/`), malformed ones (`%zz`) kept.
    const pathname = getPath(new Request(url))
    if (method === 'HEAD' || method === 'OPTIONS' || pathname === '/openapi.json') return []
    const type = res.headers.get('content-type') ?? ''
    // Any failure, on any path and method, is a Problem.
    if (type.startsWith('application/problem+json')) return this.validate({ $ref: `${DOCUMENT_ID}#/components/schemas/Problem` }, res)
    const path = this.pathOf(pathname)
    if (!path) return [`no path in the contract for ${pathname}`]
    const verb = method.toLowerCase()
    const documented = this.document.paths[path]?.[verb]?.responses[String(res.status)]
    if (!documented) return [`the contract documents no ${res.status} answer to ${method} ${path}`]
    // A WebSocket upgrade (101) and a webhook's 204 have no body.
    if (res.status === 101 || res.status === 204) return []
    // A download (the audit export) is documented by its media types; its body is the route's own to test.
    const media = type.split(';')[0]!.trim()
    if (media !== 'application/json' && documented.content?.[media]) return []
    if (!documented.content?.['application/json']?.schema)
      return [`the contract has no ${res.status} application/json body for ${method} ${path}`]
    if (!type.startsWith('application/json')) return [`${method} ${path} answered ${res.status} with ${type}, not application/json`]
    // By pointer into the document, so the schema's own `#/components/...` references resolve in it.
    const pointer = ['paths', path, verb, 'responses', String(res.status), 'content', 'application/json', 'schema']
    return this.validate({ $ref: `${DOCUMENT_ID}#/${pointer.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}` }, res)
  }

  private async validate(schema: Schema, res: Response): Promise<string[]> {
    const result = this.validator(schema).validate(await res.clone().json())
    return result.valid ? [] : result.errors.map((e) => `${e.instanceLocation} ${e.error} (${e.keywordLocation})`)
  }

  private validator(schema: Schema): Validator {
    const key = JSON.stringify(schema)
    let validator = this.validators.get(key)
    if (!validator) {
      validator = new Validator(schema, '2020-12', false)
      validator.addSchema({ ...(this.document as unknown as Schema), $id: DOCUMENT_ID })
      this.validators.set(key, validator)
    }
    return validator
  }
}
