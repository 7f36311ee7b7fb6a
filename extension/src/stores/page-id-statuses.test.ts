import { signal } from '@preact/signals'
import { describe, expect, it, vi } from 'vitest'
import type { PageId, Send } from '../lib/messages.ts'
import { createPageIdStatuses } from './page-id-statuses.ts'

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const FAILED = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const EVENT = 'evt_JdpHJWMtuXEpsvDTrbNdRmBj'

describe('createPageIdStatuses', () => {
  it('should ask once, as background work, for the status of each page ID, and say which the vendor does not know', async () => {
    const send = vi.fn(async (_type: string, req: { ids: string[] }) => ({
      ok: true,
      data: {
        data: req.ids.map((id) =>
          id === EVENT
            ? { found: false, id, kind: 'persona-event', provider: 'persona', error: { code: 'not-found', status: 404, detail: '' } }
            : { found: true, id, status: id === FAILED ? 'failed' : 'approved' },
        ),
      },
      freshness: null,
      receivedAt: 0,
    })) as unknown as Send
    const ids = signal<PageId[]>([{ id: INQUIRY, kind: 'persona-inquiry' }])
    const { statuses, dispose } = createPageIdStatuses(send, ids)
    await vi.waitFor(() => expect(statuses.value.get(INQUIRY)).toBe('approved'))
    ids.value = [...ids.value, { id: FAILED, kind: 'persona-inquiry' }, { id: EVENT, kind: 'persona-event' }]
    await vi.waitFor(() =>
      expect([...statuses.value]).toEqual([
        [INQUIRY, 'approved'],
        [FAILED, 'failed'],
        [EVENT, 'not-found'],
      ]),
    )
    // Each ID asked once: the second call had only the new ones.
    expect(vi.mocked(send).mock.calls.map(([type, req]) => [type, req])).toEqual([
      ['lookupIds', { ids: [INQUIRY], background: true }],
      ['lookupIds', { ids: [FAILED, EVENT], background: true }],
    ])
    dispose()
  })

  it('should name each UUID as the relay answered it: the page marks every one as the first UUID kind', async () => {
    const RUN = 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46'
    const send = vi.fn(async (_type: string, req: { ids: string[] }) => ({
      ok: true,
      data: { data: req.ids.map((id) => ({ found: true, id, kind: 'onfido-workflow-run', status: 'declined' })) },
      freshness: null,
      receivedAt: 0,
    })) as unknown as Send
    const { kinds, dispose } = createPageIdStatuses(send, signal<PageId[]>([{ id: RUN, kind: 'deepidv-session' }]))
    await vi.waitFor(() => expect([...kinds.value]).toEqual([[RUN, 'onfido-workflow-run']]))
    dispose()
  })
})
