/**
 * Onfido's bodies as the relay lets them out, against Onfido's own OpenAPI document (the vendored
 * subset in demo-upstream/spec, MIT): still valid under the spec's schemas, and nothing personal left.
 * In Node: the spec's validator (Ajv) compiles code, which workerd does not allow.
 */
import { describe, expect, it } from 'vitest'
import { seedOnfido } from '../../../demo-upstream/onfido-seed.ts'
import { onfidoCheckAllowed, onfidoChecksAllowed, onfidoReportAllowed, onfidoReportsAllowed, onfidoRunAllowed } from './allowlist.ts'
import type { OnfidoCheck, OnfidoReport, OnfidoWorkflowRun } from './types.ts'
import { ONFIDO_SPEC, reportErrors, specErrors } from '../../../test/onfido-spec.ts'

const data = seedOnfido(Date.UTC(2026, 10, 27))
const SENTINEL = 'SENTINEL-7431'

type Schema = Record<string, unknown>
const schemas = ONFIDO_SPEC.components.schemas

/** A body with every field the spec names, each string the sentinel (a date-time or enum as the spec requires). */
function sample(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 12) return undefined
  if (typeof schema.$ref === 'string') return sample(schemas[schema.$ref.split('/').pop()!], depth + 1)
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((s) => sample(s as Schema, depth + 1)))
  if (Array.isArray(schema.oneOf ?? schema.anyOf)) return sample(((schema.oneOf ?? schema.anyOf) as Schema[])[0], depth + 1)
  if (Array.isArray(schema.enum)) return schema.enum[0]
  if (schema.type === 'array') return [sample(schema.items as Schema, depth + 1)]
  if (schema.type === 'object' || schema.properties) {
    const props = Object.entries((schema.properties ?? {}) as Record<string, Schema>)
    // A free-form object (a run's `output`) gets a field of its own.
    const extra =
      props.length === 0 || (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        ? [['anything', { type: 'string' }] as const]
        : []
    return Object.fromEntries([...props, ...extra].map(([k, s]) => [k, sample(s, depth + 1) ?? SENTINEL]))
  }
  if (schema.type === 'integer' || schema.type === 'number') return 7
  if (schema.type === 'boolean') return true
  if (schema.format === 'date-time' || schema.format === 'date') return '2026-03-01T10:00:00Z'
  return SENTINEL
}

/** What the allowlist keeps (docs/vendors/onfido.md §3): the only fields where the sentinel may stay. */
const KEPT = new Set([
  'id',
  'applicant_id',
  'customer_user_id',
  'workflow_id',
  'status',
  'reasons',
  'tags',
  'result',
  'sub_result',
  'name',
  'check_id',
  'report_ids',
  'version',
  'type',
  'language',
])

/** Each path of `value` holding the sentinel. */
function sentinels(value: unknown, at = ''): string[] {
  if (value === SENTINEL) return [at]
  if (Array.isArray(value)) return value.flatMap((v) => sentinels(v, at))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => sentinels(v, `${at}/${k}`))
  return []
}

const leaf = (path: string) => path.split('/').pop()!

describe("Onfido's bodies through the allowlist", () => {
  it("stay valid under Onfido's schemas: every demo run, check and report, alone and listed", () => {
    const runs = data.runs.map((run) => onfidoRunAllowed(run as unknown as OnfidoWorkflowRun))
    for (const run of runs) expect(specErrors('workflow_run', run)).toEqual([])
    for (const check of data.checks.values()) {
      expect(specErrors('check', onfidoCheckAllowed(check as unknown as OnfidoCheck))).toEqual([])
      const listed = onfidoReportsAllowed({ reports: check.report_ids.map((id) => data.reports.get(id)!) } as unknown as {
        reports: OnfidoReport[]
      })
      expect(specErrors('Reports_list', { reports: [] })).toEqual([])
      expect(listed.reports).toHaveLength(2)
      for (const report of listed.reports) expect(reportErrors(report)).toEqual([])
    }
    for (const report of data.reports.values()) expect(reportErrors(onfidoReportAllowed(report as unknown as OnfidoReport))).toEqual([])
    // The check can fail: a run without what the spec requires is refused.
    expect(specErrors('workflow_run', { id: runs[0]!.id })).not.toEqual([])
  })

  it.each([
    ['workflow_run', (b: unknown) => onfidoRunAllowed(b as OnfidoWorkflowRun)],
    ['check', (b: unknown) => onfidoCheckAllowed(b as OnfidoCheck)],
    // An applicant's checks (GET /checks?applicant_id=): each as a check alone.
    ['check', (b: unknown) => onfidoChecksAllowed({ checks: [b as OnfidoCheck] }).checks[0]],
    ['document_report', (b: unknown) => onfidoReportAllowed(b as OnfidoReport)],
    ['facial_similarity_photo_report', (b: unknown) => onfidoReportAllowed(b as OnfidoReport)],
    ['document_with_address_information_report', (b: unknown) => onfidoReportAllowed(b as OnfidoReport)],
    ['watchlist_enhanced_report', (b: unknown) => onfidoReportAllowed(b as OnfidoReport)],
    ['identity_enhanced_report', (b: unknown) => onfidoReportAllowed(b as OnfidoReport)],
  ] as const)('lets out a %s with the sentinel in every field only where the allowlist keeps it', (name, allow) => {
    const body = sample(schemas[name]) as Record<string, unknown>
    const everywhere = sentinels(body)
    // The sample reaches the personal fields: the run's output and link, a report's properties.
    expect(everywhere.length).toBeGreaterThan(5)
    const left = sentinels(allow(body))
    expect(left.filter((path) => !KEPT.has(leaf(path)))).toEqual([])
    expect(JSON.stringify(allow(body))).not.toMatch(
      /"(output|properties|documents|live_photos|live_videos|url|sdk_token|message|href|results_uri|form_uri|redirect_uri)"/,
    )
  })
})
