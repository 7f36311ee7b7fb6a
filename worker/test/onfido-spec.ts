/**
 * Onfido's OpenAPI document (demo-upstream/spec/onfido-v3.6.json, MIT; see its NOTICE.md) for the
 * relay's tests: read as text (`?raw`, no file system), validated with Ajv in Node as
 * demo-upstream/spec/onfido-validator.ts does, a report by the schema its `name` picks.
 */
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import specText from '../demo-upstream/spec/onfido-v3.6.json?raw'

type Schema = Record<string, unknown>
export const ONFIDO_SPEC = JSON.parse(specText) as { components: { schemas: Record<string, Schema> } }

const ID = 'https://onfido.test/openapi/v3.6.json'
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv
const ajv = new Ajv({ strict: false, allErrors: true })
addFormats(ajv)
for (const format of ['integer', 'int32', 'int64', 'float', 'double']) ajv.addFormat(format, true)
ajv.addSchema({ ...ONFIDO_SPEC, $id: ID })
const compiled = new Map<string, ValidateFunction>()

/** Errors of `body` under the named component schema (`workflow_run`, `check`, `document_report`…). */
export function specErrors(schema: string, body: unknown): string[] {
  let validate = compiled.get(schema)
  if (!validate) compiled.set(schema, (validate = ajv.compile({ $ref: `${ID}#/components/schemas/${schema}` })))
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`)
}

/** Errors of a report under the schema of its `name`, as the spec's discriminator says. */
export const reportErrors = (report: { name?: unknown }): string[] => specErrors(`${String(report.name)}_report`, report)
