/**
 * Validates the demo upstream's Onfido answers against Onfido's OpenAPI 3.0 document (onfido-v3.6.json
 * beside this file, MIT; see NOTICE.md). Ajv's draft-07 validator knows OpenAPI's `nullable`. A report
 * is checked against the schema its `name` picks, as the spec's discriminator says: its `oneOf`
 * branches share every property, so `oneOf` alone would match many.
 */
import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

export type OnfidoSpecPath =
  | '/workflow_runs'
  | '/workflow_runs/{workflow_run_id}'
  | '/applicants/{applicant_id}'
  | '/checks/{check_id}'
  | '/reports'
  | '/reports/{report_id}'

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv
const ID = 'https://onfido.test/openapi/v3.6.json'
const pointer = (...segments: string[]) => segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')
const describe = (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`

export class OnfidoSpec {
  private readonly ajv = new Ajv({ strict: false, allErrors: true })
  private readonly compiled = new Map<string, ValidateFunction>()
  readonly document: {
    paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>>
    components: { schemas: Record<string, unknown> }
  }

  constructor() {
    this.document = JSON.parse(readFileSync(new URL('./onfido-v3.6.json', import.meta.url), 'utf8'))
    addFormats(this.ajv)
    for (const format of ['integer', 'int32', 'int64', 'float', 'double']) this.ajv.addFormat(format, true)
    this.ajv.addSchema({ ...this.document, $id: ID })
  }

  private compile(location: string): ValidateFunction {
    let validate = this.compiled.get(location)
    if (!validate) this.compiled.set(location, (validate = this.ajv.compile({ $ref: `${ID}#${location}` })))
    return validate
  }

  private check(location: string, body: unknown): string[] {
    const validate = this.compile(location)
    return validate(body) ? [] : (validate.errors ?? []).map(describe)
  }

  /** One report against the schema of its `name`. */
  reportErrors(report: unknown): string[] {
    const name = (report as { name?: unknown })?.name
    if (typeof name !== 'string' || !(`${name}_report` in this.document.components.schemas))
      return [`/name ${JSON.stringify(name)} is not a report the spec describes`]
    return this.check(`/components/schemas/${name}_report`, report)
  }

  /** Errors of a GET answer against the documented response for `status` (`default` for an error). */
  errors(path: OnfidoSpecPath, status: number | 'default', body: unknown): string[] {
    if (status === 200 && path === '/reports/{report_id}') return this.reportErrors(body)
    if (status === 200 && path === '/reports') {
      const reports = (body as { reports?: unknown[] }).reports
      const outer = this.check('/components/schemas/Reports_list', { ...(body as object), reports: [] })
      return [
        ...outer,
        ...(Array.isArray(reports) ? reports.flatMap((r, i) => this.reportErrors(r).map((line) => `/reports/${i}${line}`)) : []),
      ]
    }
    return this.check(`/${pointer('paths', path, 'get', 'responses', String(status), 'content', 'application/json', 'schema')}`, body)
  }

  /** Errors of a Create a Workflow Run: its request body (`workflow_run_builder`) or its 201 answer. */
  createErrors(part: 'request' | 201, body: unknown): string[] {
    const post = ['paths', '/workflow_runs', 'post']
    const at = part === 'request' ? [...post, 'requestBody'] : [...post, 'responses', '201']
    return this.check(`/${pointer(...at, 'content', 'application/json', 'schema')}`, body)
  }

  /** The query parameters the spec documents for a GET. */
  parameters(path: OnfidoSpecPath): string[] {
    return (this.document.paths[path]?.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)
  }
}
