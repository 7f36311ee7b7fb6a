import { describe, expect, it, vi } from 'vitest'
import type { Send } from '../lib/messages.ts'
import { createDetailStore, viewBusy, type DetailStore } from './detail-store.ts'
import type { InquiryModel } from '../vendors/persona/persona-detail.ts'
import { messageName } from '../../test-support/message-names.ts'

/** The inquiry view on screen (Persona's detail model, vendors/persona/persona-detail.ts). */
function inquiryView(detail: DetailStore): InquiryModel {
  const view = detail.current.value
  if (view?.kind !== 'persona-inquiry') throw new Error('not an inquiry view')
  return view as InquiryModel
}

const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const SESSION = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
const DEEPIDV = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

function recordingSend() {
  const calls: [string, unknown][] = []
  const send = vi.fn(async (type: string, req: unknown) => {
    calls.push([messageName(type, req), req])
    return { ok: true, data: { data: [] }, freshness: null, receivedAt: 0 }
  }) as unknown as Send
  return { send, calls }
}

describe('createDetailStore', () => {
  it('should load an inquiry with its sessions and its timeline', () => {
    const { send, calls } = recordingSend()
    const detail = createDetailStore(send)
    expect(detail.open(INQUIRY)).toBe(true)
    expect(calls).toEqual([
      // A requester match the card made stands here too (background/requester-matches.ts).
      ['heldRequesterMatch', { id: INQUIRY }],
      ['get:persona-inquiry', { kind: 'persona-inquiry', id: INQUIRY, refresh: false }],
      ['list:sessions', { list: 'sessions', query: { 'filter[inquiry-id]': INQUIRY, 'page[size]': '100' }, refresh: false }],
      ['list:events', { list: 'events', query: { 'filter[object-id]': INQUIRY, 'page[size]': '100' }, refresh: false }],
      ['list:cases', { list: 'cases', query: { 'filter[inquiry-id]': INQUIRY }, refresh: false }],
      ['agentInfo', undefined],
    ])
  })

  it("should take a failed inquiry's verifications from its retrieve's included, and read its customer history once the inquiry is in", async () => {
    const inquiry = {
      type: 'inquiry',
      id: INQUIRY,
      attributes: { status: 'failed', 'reference-id': 'user-42', 'created-at': '2026-11-24T10:00:00Z' },
      relationships: {
        verifications: {
          data: [
            { type: 'verification/selfie', id: 'ver_S1' },
            { type: 'verification/government-id', id: 'ver_G1' },
          ],
        },
      },
    }
    const verification = (type: string, id: string) => ({ type, id, attributes: { status: 'failed', 'created-at': '', checks: [] } })
    // Persona's order of `included` is its own: the section keeps the inquiry's.
    const included = [
      verification('verification/government-id', 'ver_G1'),
      { type: 'inquiry-template', id: 'itmpl_1', attributes: {} },
      verification('verification/selfie', 'ver_S1'),
    ]
    const calls: [string, unknown][] = []
    const send = vi.fn(async (message: string, req: unknown) => {
      const type = messageName(message, req)
      calls.push([type, req])
      const data =
        type === 'get:persona-inquiry'
          ? { data: inquiry, included }
          : type === 'readHistory'
            ? { referenceId: 'user-42', data: [], complete: true }
            : { data: [] }
      return { ok: true, data, freshness: null, receivedAt: 0 }
    }) as unknown as Send
    const detail = createDetailStore(send)
    detail.open(INQUIRY, 'history')
    const view = inquiryView(detail)
    expect(view.focus.value).toBe('history')
    await vi.waitFor(() => expect(view.history.data.value).not.toBeNull())
    await vi.waitFor(() => expect(view.verifications.data.value?.map((v) => v.id)).toEqual(['ver_S1', 'ver_G1']))
    expect(calls.filter(([type]) => ['get:verification', 'readHistory'].includes(type))).toEqual([
      ['readHistory', { referenceId: 'user-42', refresh: false }],
    ])
  })

  it('should be busy until the sections that wait for the inquiry have answered, not only the inquiry', async () => {
    let answerHistory!: () => void
    const history = new Promise<void>((resolve) => (answerHistory = resolve))
    const send = vi.fn(async (message: string, req: unknown) => {
      const type = messageName(message, req)
      if (type === 'readHistory') await history
      const data =
        type === 'get:persona-inquiry'
          ? {
              data: {
                type: 'inquiry',
                id: INQUIRY,
                attributes: { status: 'failed', 'reference-id': 'user-42', 'created-at': '' },
                relationships: {},
              },
            }
          : type === 'readHistory'
            ? { referenceId: 'user-42', data: [], complete: true }
            : { data: [] }
      return { ok: true, data, freshness: null, receivedAt: 0 }
    }) as unknown as Send
    const detail = createDetailStore(send)
    detail.open(INQUIRY)
    const view = inquiryView(detail)
    expect(viewBusy(view)).toBe(true)
    await vi.waitFor(() => expect(view.main.data.value).not.toBeNull())
    // The inquiry is in, and every read it started at once has answered: the history has not.
    await vi.waitFor(() => expect(view.me.loading.value).toBe(false))
    expect(viewBusy(view)).toBe(true)
    answerHistory()
    await vi.waitFor(() => expect(viewBusy(view)).toBe(false))
  })

  it('should read no verification of an approved inquiry, and no history without a reference ID', async () => {
    const send = vi.fn(async (type: string, req: unknown) => ({
      ok: true,
      data:
        messageName(type, req) === 'get:persona-inquiry'
          ? {
              data: {
                type: 'inquiry',
                id: INQUIRY,
                attributes: { status: 'approved', 'reference-id': null, 'created-at': '' },
                relationships: { verifications: { data: [{ type: 'verification/selfie', id: 'ver_S1' }] } },
              },
            }
          : { data: [] },
      freshness: null,
      receivedAt: 0,
    })) as unknown as Send
    const detail = createDetailStore(send)
    detail.open(INQUIRY)
    const view = inquiryView(detail)
    await vi.waitFor(() => expect(view.history.data.value).toEqual({ referenceId: '', data: [], complete: true, vendors: [] }))
    await vi.waitFor(() => expect(view.verifications.data.value).toEqual([]))
    expect(vi.mocked(send).mock.calls.map(([type, req]) => messageName(type, req))).not.toContain('get:verification')
    expect(vi.mocked(send).mock.calls.map(([type, req]) => messageName(type, req))).not.toContain('readHistory')
  })

  it.each([
    [SESSION, 'persona-inquiry-session'],
    ['evt_o9byQRbjygu76Jbtea9wuJ1boP7a', 'persona-event'],
  ])('should load %s as a %s record', (id, kind) => {
    const { send, calls } = recordingSend()
    createDetailStore(send).open(id)
    expect(calls).toEqual([[`get:${kind}`, { kind, id, refresh: false }]])
  })

  /** A relay whose lookup says whose UUID each one is (`kinds`), and answers every other read empty. */
  function lookupSend(kinds: Record<string, string>) {
    const calls: [string, unknown][] = []
    const send = vi.fn(async (type: string, req: unknown) => {
      calls.push([messageName(type, req), req])
      const ids = type === 'lookupIds' ? (req as { ids: string[] }).ids : []
      return {
        ok: true,
        data: { data: ids.flatMap((id) => (kinds[id] ? [{ found: true, id, kind: kinds[id] }] : [])) },
        freshness: null,
        receivedAt: 0,
      }
    }) as unknown as Send
    return { send, calls }
  }
  const ONFIDO = 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46'

  it.each([
    [DEEPIDV, 'deepidv-session'],
    [ONFIDO, 'onfido-workflow-run'],
  ])("should ask the relay's lookup whose UUID %s is, and load it as its %s", async (id, kind) => {
    const { send, calls } = lookupSend({ [id]: kind })
    const detail = createDetailStore(send)
    expect(detail.open(id)).toBe(true)
    await vi.waitFor(() => expect(detail.current.value?.kind).toBe(kind))
    expect(calls.filter(([name]) => name !== 'heldRequesterMatch').slice(0, 2)).toEqual([
      ['lookupIds', { ids: [id] }],
      [`get:${kind}`, { kind, id, refresh: false }],
    ])
  })

  it('should load a UUID the relay did not answer for as the first UUID kind, as before there were two', async () => {
    const { send } = lookupSend({})
    const detail = createDetailStore(send)
    detail.open(ONFIDO)
    await vi.waitFor(() => expect(detail.current.value?.kind).toBe('deepidv-session'))
  })

  it('should drop a UUID still being resolved when another ID opens or the detail closes', async () => {
    let answer!: () => void
    const { send: answering } = lookupSend({ [ONFIDO]: 'onfido-workflow-run' })
    const send = vi.fn((type: string, req: unknown) =>
      type === 'lookupIds'
        ? new Promise((resolve) => (answer = () => resolve(answering(type as 'lookupIds', req as never))))
        : answering(type as 'lookupIds', req as never),
    ) as unknown as Send
    const detail = createDetailStore(send)
    detail.open(ONFIDO)
    detail.open(SESSION)
    answer()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(detail.stack.value.map((v) => v.id)).toEqual([SESSION])
    detail.open(ONFIDO)
    detail.close()
    answer()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(detail.stack.value).toEqual([])
  })

  it('should refuse what is not an ID', () => {
    const { send, calls } = recordingSend()
    const detail = createDetailStore(send)
    expect(detail.open('inq_short')).toBe(false)
    expect(detail.current.value).toBeNull()
    expect(calls).toHaveLength(0)
  })

  it('should stack views for links and pop them with back', () => {
    const { send } = recordingSend()
    const detail = createDetailStore(send)
    detail.open(SESSION)
    detail.open(INQUIRY)
    expect(detail.current.value?.id).toBe(INQUIRY)
    detail.back()
    expect(detail.current.value?.id).toBe(SESSION)
    detail.close()
    expect(detail.current.value).toBeNull()
  })

  it('should reload instead of stacking the ID already shown, and refresh with no-cache', () => {
    const { send, calls } = recordingSend()
    const detail = createDetailStore(send)
    detail.open(SESSION)
    detail.open(SESSION)
    detail.refresh()
    expect(detail.stack.value).toHaveLength(1)
    expect(calls.map(([, req]) => (req as { refresh: boolean }).refresh)).toEqual([false, false, true])
  })
})

describe('createDetailStore when objects change or the relay is not reached', () => {
  const inquiry = {
    type: 'inquiry',
    id: INQUIRY,
    attributes: { status: 'approved', 'reference-id': 'user-42', 'created-at': '' },
    relationships: {},
  }

  it("should re-read the view on screen past the relay's cache when it shows a changed object, and no other", async () => {
    const calls: [string, unknown][] = []
    const send = vi.fn(async (message: string, req: unknown) => {
      const type = messageName(message, req)
      calls.push([type, req])
      const data =
        type === 'get:persona-inquiry'
          ? { data: inquiry }
          : type === 'readHistory'
            ? { referenceId: 'user-42', data: [], complete: true }
            : { data: type === 'list:sessions' ? [{ type: 'inquiry-session', id: SESSION, attributes: {} }] : [] }
      return { ok: true, data, freshness: null, receivedAt: 0 }
    }) as unknown as Send
    const detail = createDetailStore(send)
    detail.open(INQUIRY)
    const view = inquiryView(detail)
    await vi.waitFor(() => expect(view.history.data.value).not.toBeNull())
    calls.length = 0
    expect(detail.reread([DEEPIDV])).toBe(false)
    expect(calls).toEqual([])
    // A session the inquiry lists changed: the inquiry is re-read, every part of it past the cache.
    expect(detail.reread([SESSION])).toBe(true)
    await vi.waitFor(() => expect(calls.map(([type]) => type)).toContain('readHistory'))
    // Every read of the object goes past the cache (who the agent is, GET /v1/me, is no read of it).
    const reads = calls.filter(([type]) => type !== 'agentInfo')
    expect(reads.length).toBeGreaterThan(0)
    expect(reads.every(([, req]) => (req as { refresh?: boolean }).refresh === true)).toBe(true)
    expect(view.main.data.value?.data.id).toBe(INQUIRY)
  })

  it('should re-read an inquiry when its case or one of its verifications changed, and not for a case it does not show', async () => {
    const CASE = 'case_Kc4Wq9Nx2Lt7Hv3Db8Rm6PsY'
    const VERIFICATION = 'ver_Xq3Lm8Np2Rt6Vw9Yz4Bc7Df1G'
    const withVerification = {
      ...inquiry,
      relationships: { verifications: { data: [{ type: 'verification/government-id', id: VERIFICATION }] } },
    }
    const calls: string[] = []
    const send = vi.fn(async (message: string, req: unknown) => {
      const type = messageName(message, req)
      calls.push(type)
      const data =
        type === 'get:persona-inquiry'
          ? { data: withVerification }
          : type === 'list:cases'
            ? { data: [{ type: 'case', id: CASE, attributes: {} }] }
            : { data: [] }
      return { ok: true, data, freshness: null, receivedAt: 0 }
    }) as unknown as Send
    const detail = createDetailStore(send)
    detail.open(INQUIRY)
    const view = inquiryView(detail)
    await vi.waitFor(() => expect(view.cases.data.value?.data.map((c) => c.id)).toEqual([CASE]))
    await vi.waitFor(() => expect(view.main.data.value).not.toBeNull())
    calls.length = 0
    expect(detail.reread(['case_SomeoneElsesCase0000000'])).toBe(false)
    expect(calls).toEqual([])
    expect(detail.reread([CASE])).toBe(true)
    await vi.waitFor(() => expect(calls).toEqual(expect.arrayContaining(['get:persona-inquiry', 'list:cases'])))
    calls.length = 0
    expect(detail.reread([VERIFICATION])).toBe(true)
    await vi.waitFor(() => expect(calls).toContain('get:persona-inquiry'))
  })

  it('should not read the history of an inquiry it could not read, and read it once the inquiry is back', async () => {
    let reachable = false
    const calls: string[] = []
    const send = vi.fn(async (message: string, req: unknown) => {
      const type = messageName(message, req)
      calls.push(type)
      if (!reachable) return { ok: false, error: { kind: 'unreachable', reason: { code: 'cannot-reach' } } }
      const data =
        type === 'get:persona-inquiry'
          ? { data: inquiry }
          : type === 'readHistory'
            ? { referenceId: 'user-42', data: [], complete: true }
            : { data: [] }
      return { ok: true, data, freshness: null, receivedAt: 0 }
    }) as unknown as Send
    const detail = createDetailStore(send)
    detail.open(INQUIRY)
    const view = inquiryView(detail)
    await vi.waitFor(() => expect(view.main.error.value).not.toBeNull())
    await new Promise((resolve) => setTimeout(resolve, 0))
    // No "no reference ID" answer made up for an inquiry nobody could read.
    expect(calls).not.toContain('readHistory')
    expect(view.history.data.value).toBeNull()
    reachable = true
    await view.main.load()
    await vi.waitFor(() => expect(view.history.data.value?.referenceId).toBe('user-42'))
    expect(calls.filter((c) => c === 'readHistory')).toHaveLength(1)
    view.main.stop()
  })
})
