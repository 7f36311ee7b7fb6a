/**
 * Checks a relay response against the relay's own published contract (GET /openapi.json): the body of
 * a GET must be what the document says for its path and status (the 200 body, or a Problem for any
 * failure), and every problem+json body, whatever the method, must be a Problem. The test helpers run
 * every response the worker suite receives through this, so the contract cannot drift from the code.
 * @cfworker/json-schema runs inside workerd (no code generation).
 */
import { Validator, type Schema } from '@cfworker/json-schema'

const DOCUMENT_ID = 'https://relay.test/openapi.json'

type Operation = { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }
type Document = { paths: Record<string, { get?: Operation }>; components: { schemas: Record<string, Schema> } }

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
    if (method === 'HEAD' || method === 'OPTIONS' || res.status === 204) return []
    const type = res.headers.get('content-type') ?? ''
    const isProblem = type.startsWith('application/problem+json')
    const path = this.pathOf(new URL(url).pathname)
    let schema: Schema | undefined
    if (isProblem) schema = { $ref: `${DOCUMENT_ID}#/components/schemas/Problem` }
    else if (method !== 'GET') return [`${method} answered ${res.status} ${type}: only GET and problem bodies are in the contract`]
    else if (new URL(url).pathname === '/openapi.json') return [] // the contract itself
    else if (!path) return [`no path in the contract for ${new URL(url).pathname}`]
    else if (this.document.paths[path]?.get?.responses[String(res.status)]?.content?.['application/json']?.schema) {
      // By pointer into the document, so the schema's own `#/components/...` references resolve in it.
      const pointer = ['paths', path, 'get', 'responses', String(res.status), 'content', 'application/json', 'schema']
      schema = { $ref: `${DOCUMENT_ID}#/${pointer.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}` }
    }
    if (!schema) return [`the contract has no ${res.status} application/json body for GET ${path}`]
    if (!isProblem && !type.startsWith('application/json')) return [`GET ${path} answered ${res.status} with ${type}, not application/json`]
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
