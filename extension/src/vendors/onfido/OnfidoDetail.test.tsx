// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LookupFound } from '@idv-lens/shared/api'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { messageName } from '../../../test-support/message-names.ts'
import type { Send } from '../../lib/messages.ts'
import { createDetailStore } from '../../pages/detail-store.ts'
import type { OnfidoRunView } from './onfido-detail.ts'
import { WithVendorFacts } from '../../pages/WithVendorFacts.tsx'
import { OnfidoRunDetail } from './OnfidoDetail.tsx'
import { CHECK, DOCUMENT, EARLIER_CHECK, FACE, RUN } from './onfido-test-records.ts'

/** The same applicant's newer run, waiting for them (as GET /v1/history summarises it). */
const WAITING: LookupFound = {
  found: true,
  id: 'e8d14b7a-6c2f-4a95-b3e1-7f0c2d9a5b18',
  kind: 'onfido-workflow-run',
  provider: 'onfido',
  type: 'workflow_run',
  status: 'awaiting_input',
  createdAt: '2026-11-25T09:00:00Z',
  updatedAt: '2026-11-25T09:02:00Z',
  dashboardUrl: 'https://dashboard.onfido.com/results/e8d14b7a-6c2f-4a95-b3e1-7f0c2d9a5b18',
  reason: null,
  case: null,
  details: {
    kind: 'onfido-workflow-run',
    applicantId: RUN.applicant_id!,
    referenceId: null,
    workflowId: RUN.workflow_id!,
    tags: [],
    linkExpiresAt: null,
    errorType: null,
  },
}
const SELF: LookupFound = {
  ...WAITING,
  id: RUN.id,
  status: 'declined',
  createdAt: RUN.created_at!,
  reason: { check: 'workflow_run', reasons: ['document_image_quality'], verificationId: null, failedChecks: 1, failed: [] },
}

/** The relay as the run's detail reads it: the lookup (whose UUID), the run, the applicant's checks, a check's reports, the history. */
function relay(calls: [string, unknown][]) {
  return vi.fn(async (type: string, req: unknown) => {
    const name = messageName(type, req)
    calls.push([name, req])
    const data =
      name === 'lookupIds'
        ? { data: [SELF] }
        : name === 'get:onfido-workflow-run'
          ? RUN
          : name === 'list:onfido-checks'
            ? { checks: [EARLIER_CHECK, CHECK] }
            : name === 'list:onfido-reports'
              ? { reports: (req as { query: { check_id: string } }).query.check_id === CHECK.id ? [FACE, DOCUMENT] : [] }
              : { referenceId: RUN.applicant_id, data: [WAITING, SELF], complete: true, vendors: [] }
    return { ok: true, data, freshness: null, receivedAt: 0 }
  }) as unknown as Send
}

describe('the Onfido run detail', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => {
    act(() => render(null, root))
    useLocale('en')
  })

  async function show(onOpen = vi.fn()) {
    const calls: [string, unknown][] = []
    const detail = createDetailStore(relay(calls))
    detail.open(RUN.id)
    await vi.waitFor(() => expect(detail.current.value?.kind).toBe('onfido-workflow-run'))
    const view = detail.current.value as OnfidoRunView
    await vi.waitFor(() => expect(view.reports.data.value && view.history.data.value).toBeTruthy())
    act(() =>
      render(
        <WithVendorFacts>
          <OnfidoRunDetail view={view} onOpen={onOpen} />
        </WithVendorFacts>,
        root,
      ),
    )
    return { calls, onOpen }
  }
  const text = (selector: string) => [...root.querySelectorAll(selector)].map((el) => el.textContent)
  const field = (name: string) => root.querySelector(`[data-field="${name}"] dd`)?.textContent

  it("should say why in words, the run's facts, and read only the reports of the check made while it ran", async () => {
    const { calls } = await show()
    const why = root.querySelector('[data-testid="why-failed-check"]')!
    expect(why.querySelector('[title="document_image_quality"]')!.textContent).toBe('The photo of the ID document is not clear enough')
    expect([field('fieldStatus'), field('fieldApplicant'), field('onfido_field_tags')]).toEqual(['declined', RUN.applicant_id, 'vip'])
    expect(field('fieldLinkExpires')).toBeTruthy()
    expect(calls.filter(([name]) => name === 'list:onfido-reports').map(([, req]) => req)).toEqual([
      { list: 'onfido-reports', query: { check_id: CHECK.id }, refresh: false },
    ])
    expect(calls.find(([name]) => name === 'list:onfido-checks')?.[1]).toEqual({
      list: 'onfido-checks',
      query: { applicant_id: RUN.applicant_id },
      refresh: false,
    })
  })

  it('should list each report, the flagged one first, with its result, sub-result and breakdown in words', async () => {
    await show()
    const reports = [...root.querySelectorAll('[data-testid="onfido-report"]')]
    expect(reports.map((r) => [r.getAttribute('data-name'), r.getAttribute('data-result')])).toEqual([
      ['document', 'consider'],
      ['facial_similarity_photo', 'clear'],
    ])
    expect(reports[0]!.querySelector('[data-testid="onfido-sub-result"]')!.textContent).toBe('Sub-result: caution')
    const items = [...reports[0]!.querySelectorAll('[data-testid="onfido-breakdown"]')].map((li) => [
      li.getAttribute('data-item'),
      li.getAttribute('data-result'),
    ])
    expect(items).toEqual([
      ['image_integrity', 'consider'],
      ['data_comparison', 'clear'],
      ['visual_authenticity', 'clear'],
    ])
    expect(text('[data-testid="onfido-sub-items"]')).toEqual(['Image quality: consider, Supported document: clear'])
    expect(reports[1]!.querySelector('[data-testid="onfido-result"]')!.getAttribute('data-tone')).toBe('good')
  })

  it("should list the applicant's other runs and open one", async () => {
    const { onOpen } = await show()
    expect(text('[data-testid="history-attempt"]').length).toBe(2)
    act(() => root.querySelector<HTMLButtonElement>(`[data-testid="history-attempt"][data-id="${WAITING.id}"] button`)!.click())
    expect(onOpen).toHaveBeenCalledWith(WAITING.id)
  })

  it('should speak German', async () => {
    useLocale('de')
    await show()
    expect(root.querySelector('[title="document_image_quality"]')!.textContent).toBe('Das Foto des Ausweisdokuments ist nicht scharf genug')
    expect(field('fieldStatus')).toBe('abgelehnt')
    expect(text('[data-testid="onfido-report"] strong')).toEqual(['Dokument', 'Gesicht (Foto)'])
    expect(text('[data-testid="onfido-sub-items"]')).toEqual(['Bildschärfe: prüfen, Unterstütztes Dokument: unauffällig'])
  })
})
