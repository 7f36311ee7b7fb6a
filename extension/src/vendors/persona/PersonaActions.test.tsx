// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { signal } from '@preact/signals'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ActionName, AgentInfo } from '../../lib/actions.ts'
import type { DetailSection, Send } from '../../lib/messages.ts'
import { managedPolicyItem } from '../../lib/managed-policy.ts'
import { createLinkAction } from '../../stores/link-action.ts'
import { createObjectActions } from '../../stores/object-actions.ts'
import { createRequesterCheck } from '../../stores/requester-check.ts'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { localTime } from '../../lib/format.ts'
import { InquiryActions } from './PersonaActions.tsx'
import { LINK_EXPIRY_SECONDS } from './persona-actions.ts'

const ID = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const LINK = 'https://withpersona.com/verify?code=otl_demo_1'
const FACTS = {
  kind: 'persona-inquiry' as const,
  id: ID,
  status: 'expired',
  reason: null,
  case: null,
  createdAt: null,
  updatedAt: null,
  dashboardUrl: '',
}
const ok = <T,>(data: T) => ({ ok: true, data, freshness: null, receivedAt: 1_000 })
const UUID = /^[0-9a-f-]{36}$/

type Answer = { type: string; req: Record<string, unknown> }

describe("the inquiry's actions (the actions section with Persona's parts)", () => {
  const root = document.createElement('div')
  document.body.append(root)
  const clipboard: string[] = []
  beforeEach(async () => {
    fakeBrowser.reset()
    clipboard.length = 0
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void clipboard.push(text) },
    })
    await managedPolicyItem.setValue({ inquiryTags: ['vip', 'resent-link'] })
  })
  afterEach(() => {
    act(() => render(null, root))
    useLocale('en')
  })

  /** The section with a fake background: `answer` decides each message's answer. */
  function mount({
    allowed,
    guarded = true,
    facts = FACTS,
    flagged = null,
    answer,
  }: {
    allowed: ActionName[]
    guarded?: boolean
    facts?: typeof FACTS
    flagged?: AgentInfo['flagged'] | null
    answer: (a: Answer) => unknown
  }) {
    const calls: Answer[] = []
    const send = vi.fn(async (type: string, req: Record<string, unknown>) => {
      calls.push({ type, req })
      return answer({ type, req })
    }) as unknown as Send
    const requester = createRequesterCheck(send, ID)
    const link = createLinkAction({
      send,
      action: 'one-time-link',
      id: ID,
      expiresInSeconds: LINK_EXPIRY_SECONDS,
      guarded: () => guarded,
      requesterConfirmed: () => requester.answer.value?.result === 'match',
      now: () => 1_000,
    })
    const reload = vi.fn()
    const actions = createObjectActions({ send, reload })
    const focus = signal<DetailSection | null>(null)
    const draw = (tags: string[], offered = allowed) =>
      act(() =>
        render(
          <InquiryActions
            id={ID}
            status="completed"
            facts={facts}
            tags={tags}
            allowed={offered}
            link={link}
            actions={actions}
            requester={requester}
            focus={focus}
            flagged={flagged}
          />,
          root,
        ),
      )
    draw([])
    return { calls, requester, link, reload, draw, focus }
  }
  const $ = (testId: string) => root.querySelector<HTMLElement>(`[data-testid="${testId}"]`)
  const click = (testId: string) => act(async () => void $(testId)!.click())

  it('should decide only after a confirm that names the decision and the ID, in English and German', async () => {
    const { calls, reload } = mount({ allowed: ['inquiry-approve', 'inquiry-review'], answer: () => ok({}) })
    expect($('action-inquiry-decline')).toBeNull()
    expect($('action-inquiry-approve')!.textContent).toBe('Approve')
    await click('action-inquiry-approve')
    expect($('decision-confirm-text')!.textContent).toBe(
      `Approve inquiry ${ID}? Persona runs its workflows and webhooks, and the inquiry takes no further steps.`,
    )
    expect(calls).toEqual([])
    await click('decision-cancel')
    expect($('decision-step')).toBeNull()
    await click('action-inquiry-approve')
    act(() => {
      const input = $('decision-comment') as HTMLInputElement
      input.value = 'ID checked by hand'
      input.dispatchEvent(new Event('input'))
    })
    await click('decision-confirm')
    await vi.waitFor(() => expect($('decision-step')).toBeNull())
    expect(calls.filter((c) => c.type === 'runAction').map((c) => c.req)).toEqual([
      { action: 'inquiry-approve', id: ID, input: { comment: 'ID checked by hand' } },
    ])
    expect(reload).toHaveBeenCalled()
    // mark-for-review takes no comment.
    await click('action-inquiry-review')
    expect($('decision-comment')).toBeNull()
    useLocale('de')
    mount({ allowed: ['inquiry-decline'], answer: () => ok({}) })
    await click('action-inquiry-decline')
    expect($('decision-confirm-text')!.textContent).toBe(
      `Anfrage ${ID} ablehnen? Persona führt ihre Workflows und Webhooks aus, und die Anfrage nimmt keine weiteren Schritte an.`,
    )
    expect($('decision-confirm')!.textContent).toBe('Ablehnen')
  })

  it('should show nothing to an agent the relay offers no action', () => {
    mount({ allowed: [], answer: () => ok({}) })
    expect(root.innerHTML).toBe('')
  })

  it('should offer no new link for an inquiry a fraud check flagged, but say to escalate it, in German too', async () => {
    const failed = [
      { check: 'selfie_multiple_faces_detection', reasons: [] },
      { check: 'selfie_suspicious_entity_detection', reasons: [] },
    ]
    const reason = { check: 'selfie_multiple_faces_detection', reasons: [], verificationId: null, failedChecks: 2, failed }
    const { calls } = mount({
      allowed: ['one-time-link', 'tags'],
      facts: { ...FACTS, status: 'failed', reason } as unknown as typeof FACTS,
      answer: () => ok({}),
    })
    expect($('action-link')).toBeNull()
    expect($('link-flagged')?.textContent).toBe("Flagged: no new link is offered. Escalate it to the team's review instead.")
    expect(calls).toEqual([])
    useLocale('de')
    mount({ allowed: ['one-time-link'], facts: { ...FACTS, status: 'failed', reason } as unknown as typeof FACTS, answer: () => ok({}) })
    expect($('link-flagged')?.textContent).toMatch(/^Markiert: Es wird kein neuer Link angeboten/)
  })

  it("should offer a flagged inquiry the team's escalation, confirm it naming the tag, and say it is done, in German too", async () => {
    const failed = [
      { check: 'selfie_multiple_faces_detection', reasons: [] },
      { check: 'selfie_suspicious_entity_detection', reasons: [] },
    ]
    const reason = { check: 'selfie_multiple_faces_detection', reasons: [], verificationId: null, failedChecks: 2, failed }
    const flaggedFacts = { ...FACTS, status: 'failed', reason } as unknown as typeof FACTS
    const flagged = { tag: 'fraud-review', assignee: null, contact: 'Tell the fraud team in #fraud-review.' }
    const { calls } = mount({ allowed: ['one-time-link', 'flagged-escalation'], facts: flaggedFacts, flagged, answer: () => ok({}) })
    expect($('action-link')).toBeNull()
    expect($('flagged-contact')?.textContent).toBe('Who to tell: Tell the fraud team in #fraud-review.')
    await click('action-escalate')
    expect($('escalate-confirm-text')?.textContent).toBe(`Add the tag “fraud-review” to ${ID}, so the team's review takes it up?`)
    expect(calls).toEqual([])
    await click('escalate-confirm')
    await vi.waitFor(() => expect($('escalate-done')?.textContent).toBe(`Escalated: ${ID} now has the tag “fraud-review”.`))
    expect(calls.map((c) => c.req)).toEqual([{ action: 'flagged-escalation', id: ID, input: undefined }])
    useLocale('de')
    mount({ allowed: ['flagged-escalation'], facts: flaggedFacts, flagged, answer: () => ok({}) })
    await click('action-escalate')
    expect($('escalate-confirm-text')?.textContent).toBe(
      `${ID} den Tag „fraud-review“ geben, damit die Prüfung des Teams den Fall übernimmt?`,
    )
  })

  it('should confirm an escalation that assigns the case naming the assignee, and say it is done, in German too', async () => {
    const failed = [{ check: 'selfie_suspicious_entity_detection', reasons: [] }]
    const reason = { check: 'selfie_suspicious_entity_detection', reasons: [], verificationId: null, failedChecks: 1, failed }
    const flaggedFacts = { ...FACTS, status: 'failed', reason } as unknown as typeof FACTS
    const flagged = { tag: null, assignee: 'Fraud review', contact: null }
    const { calls } = mount({ allowed: ['flagged-escalation'], facts: flaggedFacts, flagged, answer: () => ok({}) })
    await click('action-escalate')
    expect($('escalate-confirm-text')?.textContent).toBe(`Assign the case of ${ID} to “Fraud review”, so the team's review takes it up?`)
    await click('escalate-confirm')
    await vi.waitFor(() => expect($('escalate-done')?.textContent).toBe(`Escalated: the case of ${ID} is now assigned to “Fraud review”.`))
    expect(calls.map((c) => c.req)).toEqual([{ action: 'flagged-escalation', id: ID, input: undefined }])
    useLocale('de')
    mount({ allowed: ['flagged-escalation'], facts: flaggedFacts, flagged, answer: () => ok({}) })
    await click('action-escalate')
    expect($('escalate-confirm-text')?.textContent).toBe(
      `Den Fall zu ${ID} „Fraud review“ zuweisen, damit die Prüfung des Teams ihn übernimmt?`,
    )
  })

  it('should offer no escalation for an inquiry no fraud check flagged, nor where the relay names none', () => {
    mount({
      allowed: ['one-time-link', 'flagged-escalation'],
      flagged: { tag: 'fraud-review', assignee: null, contact: null },
      answer: () => ok({}),
    })
    expect($('action-escalate')).toBeNull()
    expect($('action-link')).not.toBeNull()
  })

  it('should ask for the requester first, then confirm naming the ID and expiry, then copy and show the reply once', async () => {
    const { calls, requester } = mount({
      allowed: ['one-time-link'],
      answer: ({ type, req }) =>
        type === 'checkRequester' ? ok({ data: { id: ID, field: req.field, result: 'match' } }) : ok({ link: LINK }),
    })
    await click('action-link')
    expect($('link-step')!.dataset.step).toBe('requester-first')
    await act(() => requester.check('email', 'dana@example.com'))
    await vi.waitFor(() => expect($('link-step')!.dataset.step).toBe('confirm'))
    expect($('link-confirm-text')!.textContent).toContain(ID)
    expect($('link-confirm-text')!.textContent).toMatch(/is valid for 24 hours\.$/)
    expect(document.activeElement).toBe($('link-confirm'))
    await click('link-confirm')
    await vi.waitFor(() => expect($('link-reply')).not.toBeNull())
    const reply = ($('link-reply') as HTMLTextAreaElement).value
    expect(reply).toContain(LINK)
    expect(reply).toMatch(/\n\nThe link is valid for 24 hours\.$/)
    expect(reply).not.toContain(ID)
    // No ticket took it (the fake background inserts nothing): on the clipboard, and the panel says so.
    await vi.waitFor(() => expect(clipboard).toEqual([reply]))
    expect($('link-sent')!.dataset.delivered).toBe('clipboard')
    expect($('link-sent')!.textContent).toBe(
      'No reply box found in the ticket, so the reply with the new link is on the clipboard: paste it into the ticket.',
    )
    expect(calls.filter((c) => c.type === 'insertReply').map((c) => c.req)).toEqual([{ id: ID, text: reply }])
    const sent = calls.filter((c) => c.type === 'runAction')
    expect(sent).toHaveLength(1)
    expect(sent[0]!.req).toMatchObject({
      action: 'one-time-link',
      id: ID,
      input: { expiresInSeconds: 86_400 },
      idempotencyKey: expect.stringMatching(UUID),
    })
    // Done: the link is gone from the view.
    await click('link-done')
    expect(root.innerHTML).not.toContain(LINK)
    expect($('action-link')).not.toBeNull()
  })

  it("should put the reply into the ticket's reply box when the background finds one, and copy nothing (en and de)", async () => {
    for (const [locale, words] of [
      ['en', "The reply with the new link is in the ticket's reply box: read it over, then send it."],
      ['de', 'Die Antwort mit dem neuen Link steht im Antwortfeld des Tickets: Lesen Sie sie durch und senden Sie sie dann.'],
    ] as const) {
      useLocale(locale)
      const { calls } = mount({
        allowed: ['one-time-link'],
        guarded: false,
        answer: ({ type }) => (type === 'insertReply' ? { inserted: true } : ok({ link: LINK })),
      })
      await click('action-link')
      await click('link-confirm')
      await vi.waitFor(() => expect($('link-sent')!.dataset.delivered).toBe('composer'))
      expect($('link-sent')!.textContent).toBe(words)
      expect(calls.find((c) => c.type === 'insertReply')!.req.text).toBe(($('link-reply') as HTMLTextAreaElement).value)
      expect(clipboard).toEqual([])
      await click('link-done')
    }
  })

  it('should send a retried click with the same Idempotency-Key, and a new click with a new one', async () => {
    let fail = true
    const { calls } = mount({
      allowed: ['one-time-link'],
      guarded: false,
      answer: () =>
        fail
          ? { ok: false, error: { kind: 'unreachable', reason: { code: 'cannot-reach', relay: 'https://relay.example' } } }
          : ok({ link: LINK }),
    })
    await click('action-link')
    await click('link-confirm')
    await vi.waitFor(() => expect($('link-step')!.dataset.step).toBe('failed'))
    fail = false
    await click('link-confirm')
    await vi.waitFor(() => expect($('link-reply')).not.toBeNull())
    await click('link-done')
    await click('action-link')
    await click('link-confirm')
    await vi.waitFor(() => expect($('link-reply')).not.toBeNull())
    const keys = calls.filter((c) => c.type === 'runAction').map((c) => c.req.idempotencyKey)
    expect(keys).toHaveLength(3)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[0])
  })

  it('should go back to the requester step when the relay says the requester is not confirmed', async () => {
    mount({
      allowed: ['one-time-link'],
      guarded: false,
      answer: () => ({
        ok: false,
        error: {
          kind: 'internal',
          reason: { code: 'relay-problem' },
          problem: { code: 'requester-not-confirmed', status: 403, title: 'x', type: 'about:blank' },
        },
      }),
    })
    await click('action-link')
    await click('link-confirm')
    await vi.waitFor(() => expect($('link-step')!.dataset.step).toBe('requester-first'))
  })

  it('should say when the relay already carried out the click, with its time (en and de), and make a new key for a new click', async () => {
    const madeAt = '2026-11-26T12:00:00.000Z'
    const { calls } = mount({
      allowed: ['one-time-link'],
      guarded: false,
      answer: () => ({
        ok: false,
        error: {
          kind: 'bad-request',
          reason: { code: 'relay-problem' },
          problem: { code: 'already-made', status: 409, title: 'x', type: 'about:blank', detail: 'x', madeAt },
        },
      }),
    })
    await click('action-link')
    await click('link-confirm')
    await vi.waitFor(() => expect($('link-step')!.dataset.step).toBe('already-made'))
    expect($('link-already-made')!.textContent).toBe(
      `This click already made a link, at ${localTime(Date.parse(madeAt))}. The relay keeps no copy of it: find it in the reply you wrote then, or make a new link with a new click.`,
    )
    useLocale('de')
    await click('link-new-click')
    await click('link-confirm')
    await vi.waitFor(() => expect($('link-already-made')!.textContent).toMatch(/^Dieser Klick hat bereits um .+ einen Link erstellt\./))
    const keys = calls.filter((c) => c.type === 'runAction').map((c) => c.req.idempotencyKey)
    expect(keys).toHaveLength(2)
    expect(keys[1]).not.toBe(keys[0])
  })

  it("should toggle the team's tags and reload the view after each, in German too", async () => {
    useLocale('de')
    const { calls, reload, draw } = mount({ allowed: ['tags'], answer: () => ok({ done: true }) })
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid="tag-toggle"]')).toHaveLength(2))
    const vip = () => root.querySelector<HTMLElement>('[data-tag="vip"]')!
    expect(vip().getAttribute('aria-pressed')).toBe('false')
    expect(vip().title).toBe('Tag vip hinzufügen')
    await act(async () => vip().click())
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1))
    draw(['vip'])
    expect(vip().getAttribute('aria-pressed')).toBe('true')
    await act(async () => vip().click())
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(2))
    expect(calls.map((c) => [c.type, c.req])).toEqual([
      ['runAction', { action: 'tags', id: ID, input: { tag: 'vip', on: true } }],
      ['runAction', { action: 'tags', id: ID, input: { tag: 'vip', on: false } }],
    ])
  })

  it("should open the link's confirm step when a card's button asked for it", async () => {
    const { focus } = mount({ allowed: ['one-time-link', 'tags'], guarded: false, answer: () => ok({}) })
    vi.useFakeTimers()
    try {
      act(() => void (focus.value = 'link'))
      await act(async () => void vi.runAllTimers())
    } finally {
      vi.useRealTimers()
    }
    expect($('link-step')!.dataset.step).toBe('confirm')
    expect(focus.value).toBeNull()
  })

  it("should open the link's step when the card's button asked before the relay said what the agent may do", async () => {
    const { focus, draw } = mount({ allowed: [], guarded: false, answer: () => ok({}) })
    vi.useFakeTimers()
    try {
      act(() => void (focus.value = 'link'))
      await act(async () => void vi.runAllTimers())
    } finally {
      vi.useRealTimers()
    }
    draw([], ['one-time-link'])
    expect($('link-step')!.dataset.step).toBe('confirm')
  })
})
