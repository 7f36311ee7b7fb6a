// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LookupFound } from '@idv-lens/shared/api'
import type { LookupState } from '../../content/lookups/lookup-queue.ts'
import type { CardView, UiActions } from '../../content/card/ui-model.ts'
import type { ActionName } from '../../lib/actions.ts'
import { LookupCard } from './LookupCard.tsx'
import type { CopyOutcome, TicketRequesterCheck } from '../../lib/messages.ts'
import { CARD_SIZE } from '../../content/card/card-position.ts'
import { useLocale } from '../../../test-support/i18n-fake.ts'
import { CARD_FIELDS, type CardField } from '../../lib/card-fields.ts'

const ID = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const START = Date.parse('2026-11-23T12:00:00Z')

const card: CardView = {
  key: ID,
  id: ID,
  kind: 'persona-inquiry',
  source: 'hover',
  anchor: { left: 10, top: 10, right: 100, bottom: 24, width: 90, height: 14 } as never,
  takeFocus: false,
}
const found = (createdAt: string): LookupState => ({
  state: 'found',
  at: START,
  entry: {
    found: true,
    id: ID,
    kind: 'persona-inquiry',
    provider: 'persona',
    type: 'inquiry',
    status: 'declined',
    createdAt,
    updatedAt: null,
    dashboardUrl: '',
    reason: null,
    case: null,
    details: {
      kind: 'persona-inquiry',
      referenceId: null,
      completedAt: null,
      latestSessionId: null,
      threatLevel: null,
      countryCode: null,
      countryName: null,
    },
  } as LookupFound,
})
const declined = (extra: Partial<LookupFound>): LookupState => {
  const state = found('2026-11-23T11:00:00Z') as Extract<LookupState, { state: 'found' }>
  return {
    ...state,
    entry: {
      ...state.entry,
      dashboardUrl: `https://app.withpersona.com/dashboard/inquiries/${ID}`,
      details: {
        kind: 'persona-inquiry',
        referenceId: 'user-42',
        completedAt: null,
        latestSessionId: null,
        threatLevel: null,
        countryCode: null,
        countryName: null,
      },
      ...extra,
    } as LookupFound,
  }
}
const REASON = {
  check: 'selfie_id_comparison',
  reasons: ['mismatch'],
  verificationId: 'ver_S1',
  failedChecks: 2,
  failed: [
    { check: 'selfie_id_comparison', reasons: ['mismatch'] },
    { check: 'selfie_glare_detection', reasons: [] },
  ],
}
const CASE = { id: 'case_A1', status: 'Open', resolution: null, dashboardUrl: 'https://app.withpersona.com/dashboard/cases/case_A1' }
const actions = {
  openDetail: vi.fn(),
  openSettings: vi.fn(),
  pointerInCard: vi.fn(),
  watchState: vi.fn(async () => false),
  setWatch: vi.fn(async () => ({ watching: true, full: false })),
  copy: vi.fn(async (): Promise<CopyOutcome> => 'copied'),
  agentActions: vi.fn(async (): Promise<ActionName[]> => []),
  copyReply: vi.fn(async (): Promise<CopyOutcome> => 'copied'),
  checkTicketRequester: vi.fn(async (): Promise<TicketRequesterCheck> => ({ read: 'none' })),
} as unknown as UiActions

describe('LookupCard', () => {
  const root = document.createElement('div')
  beforeEach(() => {
    vi.useFakeTimers({ now: START, toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] })
    document.body.append(root)
  })
  afterEach(() => {
    act(() => render(null, root))
    vi.useRealTimers()
    useLocale('en')
  })
  /** Renders the card for `state` (`shown`: another ID's card, or the same card with a command). */
  const show = (
    state: LookupState | undefined,
    version: number,
    { cardFields = CARD_FIELDS, shown = card }: { cardFields?: readonly CardField[]; shown?: CardView } = {},
  ) =>
    act(() =>
      render(
        <LookupCard card={shown} state={state} version={version} actions={actions} cardFields={cardFields} onEscape={() => {}} />,
        root,
      ),
    )
  const announcement = () => root.querySelector('[data-testid="card-announcement"]')
  const $ = <E extends Element = Element>(selector: string) => root.querySelector<E>(selector)
  /** Clicks the card's control with test ID `testId`, its effects awaited. */
  const click = (testId: string) => act(async () => $<HTMLButtonElement>(`[data-testid="${testId}"]`)!.click())

  it('should show the facts the team chose, in its order, with the same controls and size', () => {
    const state = declined({
      details: {
        kind: 'persona-inquiry',
        referenceId: 'user-42',
        completedAt: null,
        latestSessionId: null,
        threatLevel: 'low',
        countryCode: 'DE',
        countryName: 'Germany',
      },
    } as never)
    const facts = () => [...root.querySelectorAll('[data-testid="card-fields"] dt')].map((dt) => dt.textContent)
    const controls = () => [...root.querySelectorAll('button, a')].map((el) => el.getAttribute('data-testid') ?? el.textContent)
    show(state, 1)
    expect(facts()).toEqual(['Created', 'Reference', 'Session threat', 'Session country'])
    const allControls = controls()
    show(state, 1, { cardFields: ['country', 'reference', 'externalId'] })
    // The card open as the choice arrives shows it; a fact this kind has not (externalId) is no row.
    expect(facts()).toEqual(['Session country', 'Reference'])
    expect(controls()).toEqual(allControls)
    expect($<HTMLElement>('[data-testid="card"]')!.style.height).toBe(`${CARD_SIZE.height}px`)
    show(state, 1)
    expect(facts()).toEqual(['Created', 'Reference', 'Session threat', 'Session country'])
  })

  it('should announce the status through a live region that was there before the answer came', () => {
    show({ state: 'loading' }, 0)
    const region = announcement()!
    expect(region.getAttribute('role')).toBe('status')
    expect(region.textContent).toBe('')
    show(found(new Date(START - 5 * 60_000).toISOString()), 1)
    // The same element, now with words: screen readers announce the change.
    expect(announcement()).toBe(region)
    expect(region.textContent).toBe('Persona inquiry: declined')
  })

  it("should say why an ID over the tab's lookup budget has no status", () => {
    show(
      {
        state: 'failed',
        at: START,
        failure: { kind: 'over-budget', reason: { code: 'over-budget', count: 300, minutes: 10 }, retryAfter: 60 },
      },
      1,
    )
    expect($('[data-testid="status"]')!.textContent).toBe('not looked up (limit)')
    expect($('[data-testid="card-message"]')!.textContent).toContain('300 different IDs')
  })

  it('should show an ID the team budget could not cover as waiting for the vendor, with the wait, not as an error', () => {
    const error = {
      code: 'budget-exhausted' as const,
      status: 429,
      detail: "The team's Persona budget is used up for now; retry in 7 s.",
      retryAfter: 7,
    }
    show({ state: 'missing', at: START - 2000, entry: { found: false, id: ID, kind: 'persona-inquiry', provider: 'persona', error } }, 1)
    const status = $('[data-testid="status"]')!
    expect(status.textContent).toBe('waiting for the vendor')
    expect(status.getAttribute('data-tone')).toBe('pending')
    expect($('[data-testid="card-message"]')!.textContent).toBe(
      'Waiting for Persona: the team has used its request budget for now. Trying again in 5 sec.',
    )
    expect(announcement()!.textContent).toBe('Persona inquiry: waiting for the vendor')
  })

  it('should make a failed lookup look different from one in flight, and say the relay is tried again', () => {
    show({ state: 'loading' }, 0)
    const inFlight = $('[data-testid="status"]')!
    expect(inFlight.textContent).toBe('looking up…')
    const loadingTone = inFlight.getAttribute('data-tone')
    const loadingClass = inFlight.className
    show(
      { state: 'failed', at: START, failure: { kind: 'unreachable', reason: { code: 'cannot-reach', relay: 'https://relay.example' } } },
      1,
    )
    const failed = $('[data-testid="status"]')!
    expect(failed.textContent).toBe('relay not reached')
    expect(failed.getAttribute('data-tone')).not.toBe(loadingTone)
    expect(failed.className).not.toBe(loadingClass)
    expect($('[data-testid="card-message"]')!.textContent).toBe('IDV Lens cannot reach your relay at https://relay.example; it will retry.')
  })

  it('should offer the settings for a refused token or another server at the relay URL, and not for a relay that is down', () => {
    const refused = {
      kind: 'unauthorized',
      reason: { code: 'relay-problem' },
      problem: { type: 'x', title: 'Unauthorized', status: 401, detail: 'no', code: 'unauthorized' },
    } as const
    show({ state: 'failed', at: START, failure: refused }, 1)
    expect($('[data-testid="card-message"]')!.textContent).toBe('The relay refused the agent token.')
    act(() => $<HTMLButtonElement>('[data-testid="card-open-settings"]')!.click())
    expect(actions.openSettings).toHaveBeenCalledOnce()
    show(
      {
        state: 'failed',
        at: START,
        failure: { kind: 'unreachable', reason: { code: 'foreign-server', relay: 'http://intranet.example' } },
      },
      2,
    )
    expect($('[data-testid="card-message"]')!.textContent).toBe(
      'Something answered at http://intranet.example, but not as an IDV Lens relay. Check the relay URL in the settings.',
    )
    expect($('[data-testid="card-open-settings"]')).not.toBeNull()
    show(
      { state: 'failed', at: START, failure: { kind: 'unreachable', reason: { code: 'cannot-reach', relay: 'https://relay.example' } } },
      3,
    )
    expect($('[data-testid="card-open-settings"]')).toBeNull()
  })

  it('should name a UUID no UUID vendor has as such, in its head, its words and its announcement', () => {
    const uuid = '0b7e4d2c-9a13-4f58-b6e0-2c8d1a7f3e95'
    const uuidCard: CardView = { ...card, key: uuid, id: uuid, kind: 'deepidv-session' }
    const error = { code: 'not-found' as const, status: 404, detail: 'Not found' }
    const missing: LookupState = {
      state: 'missing',
      at: START,
      entry: { found: false, id: uuid, kind: 'deepidv-session', provider: 'deepidv', error },
    }
    show(missing, 1, { shown: uuidCard })
    expect($('[data-testid="card-kind"]')!.textContent).toBe('UUID not found at any UUID vendor')
    expect($('[data-testid="card-message"]')!.textContent).toBe(
      'No UUID vendor on this relay has this ID. It may belong to another environment or account.',
    )
    expect(announcement()!.textContent).toBe('UUID not found at any UUID vendor: not found')
    useLocale('de')
    show(missing, 2, { shown: uuidCard })
    expect($('[data-testid="card-kind"]')!.textContent).toBe('UUID bei keinem UUID-Anbieter gefunden')
  })

  it('should still show a vendor failure for one ID as a failed lookup', () => {
    const error = { code: 'upstream-unavailable' as const, status: 502, detail: 'Persona answered HTTP 500' }
    show({ state: 'missing', at: START, entry: { found: false, id: ID, kind: 'persona-inquiry', provider: 'persona', error } }, 1)
    expect($('[data-testid="status"]')!.textContent).toBe('lookup failed')
    // The code's words in the agent's language; the relay's English detail only on hover.
    expect($('[data-testid="card-message"]')!.textContent).toBe('The vendor did not answer properly.')
    expect($('[data-testid="card-message"]')!.getAttribute('title')).toBe('Persona answered HTTP 500')
  })

  it('should show when the record was created as a local date and time, a recent one with its relative time beside it, kept true while open', () => {
    show(found(new Date(START - 5 * 60_000).toISOString()), 1)
    const time = $('[data-testid="card-fields"] time')!
    expect(time.getAttribute('datetime')).toBe(new Date(START - 5 * 60_000).toISOString())
    expect(time.textContent).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(START - 5 * 60_000))
    expect(time.getAttribute('title')).toBe(
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'long' }).format(START - 5 * 60_000),
    )
    expect($('[data-testid="time-hint"]')!.textContent).toBe(' · 5 min. ago')
    act(() => {
      vi.advanceTimersByTime(2 * 60_000)
    })
    expect($('[data-testid="time-hint"]')!.textContent).toBe(' · 7 min. ago')
  })

  it('should show an old record\'s date and time without "3 yr. ago", in German too', () => {
    const created = '2023-03-29T19:06:45.000Z'
    show(found(created), 1)
    expect($('[data-testid="card-fields"] time')!.textContent).toBe(
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(created)),
    )
    expect($('[data-testid="time-hint"]')).toBeNull()
    expect($('[data-testid="card-fields"]')!.textContent).not.toMatch(/ago/)
    useLocale('de')
    show(found(created), 2)
    expect($('[data-testid="card-fields"] time')!.textContent).toMatch(/^29\.03\.2023, \d\d:\d\d$/)
  })

  it('should say the outcome and its main reason in one line, and the case status, from the lookup summary alone', () => {
    show(declined({ reason: REASON, case: CASE }), 1)
    expect($('[data-testid="card-reason"]')!.textContent).toBe('Declined: the selfie does not match the ID photo')
    expect($('[data-testid="card-reason"]')!.getAttribute('title')).toBe('selfie_id_comparison · mismatch')
    expect($('[data-testid="card-case"]')!.textContent).toBe('Case: open')
    useLocale('de')
    show(declined({ reason: REASON, case: CASE }), 2)
    expect($('[data-testid="card-reason"]')!.textContent).toBe('Abgelehnt: das Selfie passt nicht zum Ausweisfoto')
    expect($('[data-testid="card-case"]')!.textContent).toBe('Fall: offen')
  })

  it('should say the outcome alone when no check failed, the headline over the controls and the facts under them', () => {
    show(declined({}), 1)
    expect($('[data-testid="card-verdict"]')).toBeNull()
    expect($('[data-testid="card-outcome"]')!.textContent).toBe('Declined: no failed check on record')
    const order = [...$('[data-testid="card"]')!.children].map(
      (el) => el.getAttribute('data-testid') ?? el.getAttribute('role') ?? el.localName,
    )
    expect(order.slice(2, 5)).toEqual(['card-lead', 'toolbar', 'card-body'])
    expect($('[data-testid="card-body"] [data-testid="card-fields"]')).not.toBeNull()
    useLocale('de')
    show(declined({}), 2)
    expect($('[data-testid="card-outcome"]')!.textContent).toBe('Abgelehnt: keine fehlgeschlagene Prüfung erfasst')
  })

  it('should lead to the history in the side panel', () => {
    show(declined({ reason: REASON }), 1)
    ;($('[data-testid="card-history"]') as HTMLButtonElement).click()
    expect(vi.mocked(actions.openDetail).mock.calls).toEqual([[ID, 'history']])
  })

  it("should check the ticket's requester in the card, saying what was compared", async () => {
    vi.mocked(actions.openDetail).mockClear()
    vi.mocked(actions.checkTicketRequester).mockResolvedValueOnce({
      read: 'name',
      answer: { ok: true, data: { data: { id: ID, field: 'name', result: 'no-match' } } } as never,
    })
    show(declined({ reason: REASON }), 1)
    await click('card-check-requester')
    expect(vi.mocked(actions.checkTicketRequester).mock.calls).toEqual([[ID]])
    expect($('[data-testid="card-requester"]')!.getAttribute('data-result')).toBe('no-match')
    expect($('[data-testid="card-requester-result"]')!.textContent).toBe('No match: this is not the name verified.')
    expect($('[data-testid="card-requester-compared"]')!.textContent).toBe("Compared: the ticket's requester name.")
    expect(vi.mocked(actions.openDetail)).not.toHaveBeenCalled()
  })

  it('should say when the ticket shows no requester, and offer the paste field in the side panel', async () => {
    vi.mocked(actions.openDetail).mockClear()
    show(declined({ reason: REASON }), 1)
    await click('card-check-requester')
    expect($('[data-testid="card-requester"]')!.textContent).toBe('No requester found on this ticket. Paste it in the side panel')
    ;($('[data-testid="card-requester-paste"]') as HTMLButtonElement).click()
    expect(vi.mocked(actions.openDetail).mock.calls).toEqual([[ID, 'requester']])
  })

  it("should show the agent's actions the relay offers, whatever the answer, each leading to the side panel's detail", async () => {
    vi.mocked(actions.agentActions).mockResolvedValue(['one-time-link', 'tags', 'case-assign'])
    const shown = async (state: LookupState) => {
      show(state, 1)
      await act(async () => {})
      return Array.from(root.querySelectorAll<HTMLElement>('[data-testid^="card-action-"]'), (el) => [
        el.dataset.testid,
        el.getAttribute('aria-disabled'),
      ])
    }
    const unknown: LookupState = {
      state: 'missing',
      at: START,
      entry: {
        found: false,
        id: ID,
        kind: 'persona-inquiry',
        provider: 'persona',
        error: { code: 'not-found', status: 404, detail: 'no such inquiry' },
      },
    }
    // Each opens the detail in every state (the detail says what there is): none is unavailable.
    expect(await shown(unknown)).toEqual([
      ['card-action-link', null],
      ['card-action-tags', null],
      ['card-action-case', null],
    ])
    act(() => render(null, root))
    expect(await shown(declined({ reason: REASON, case: CASE }))).toEqual([
      ['card-action-link', null],
      ['card-action-tags', null],
      ['card-action-case', null],
    ])
    vi.mocked(actions.openDetail).mockClear()
    for (const name of ['link', 'tags', 'case']) act(() => ($(`[data-testid="card-action-${name}"]`) as HTMLButtonElement).click())
    expect(vi.mocked(actions.openDetail).mock.calls).toEqual([
      [ID, 'link'],
      [ID, 'tags'],
      [ID, 'case'],
    ])
    // A person a fraud check flagged is never offered another try: no link, the other actions stay.
    act(() => render(null, root))
    const flagged = { ...REASON, failedChecks: 3, failed: [...REASON.failed, { check: 'selfie_suspicious_entity_detection', reasons: [] }] }
    expect(await shown(declined({ reason: flagged, case: CASE }))).toEqual([
      ['card-action-tags', null],
      ['card-action-case', null],
    ])
    expect($('[data-testid="card-reason"]')!.closest('[data-testid="card-verdict"]')!.textContent).toMatch(/^Flagged: /)
    // A viewer: the relay offers nothing, and the card shows no action.
    act(() => render(null, root))
    vi.mocked(actions.agentActions).mockResolvedValue([])
    expect(await shown(declined({ reason: REASON, case: CASE }))).toEqual([])
  })

  it('should check the requester, and lead to the side panel and the vendor, from every answer, an unknown ID and one without a reference too', () => {
    const unknown: LookupState = {
      state: 'missing',
      at: START,
      entry: {
        found: false,
        id: ID,
        kind: 'persona-inquiry',
        provider: 'persona',
        error: { code: 'not-found', status: 404, detail: 'no such inquiry' },
      },
    }
    for (const state of [found('2026-11-23T11:00:00Z'), unknown, { state: 'loading' } as LookupState]) {
      act(() => render(null, root))
      show(state, 1)
      vi.mocked(actions.openDetail).mockClear()
      vi.mocked(actions.checkTicketRequester).mockClear()
      for (const control of ['card-check-requester', 'card-history']) {
        expect($(`[data-testid="${control}"]`)!.getAttribute('aria-disabled'), control).toBeNull()
        act(() => ($(`[data-testid="${control}"]`) as HTMLButtonElement).click())
      }
      // The requester is checked here (the ticket's), the history shown in the side panel.
      expect(vi.mocked(actions.checkTicketRequester).mock.calls, state.state).toEqual([[ID]])
      expect(vi.mocked(actions.openDetail).mock.calls, state.state).toEqual([[ID, 'history']])
      // A link whatever the answer: Enter and a click open the vendor's page for an unknown ID too.
      expect($('[data-testid="open-dashboard"]')!.getAttribute('href'), state.state).toBe(
        `https://app.withpersona.com/dashboard/inquiries/${ID}`,
      )
    }
  })

  const notFound: LookupState = {
    state: 'missing',
    at: START,
    entry: {
      found: false,
      id: ID,
      kind: 'persona-inquiry',
      provider: 'persona',
      error: { code: 'not-found', status: 404, detail: 'no such inquiry' },
    },
  }
  const unreachable: LookupState = {
    state: 'failed',
    at: START,
    failure: { kind: 'unreachable', reason: { code: 'cannot-reach', relay: 'https://relay.example' } },
  }
  const controls = () =>
    Array.from(root.querySelectorAll<HTMLElement>('button, a'), (el) => [el.dataset.testid ?? el.getAttribute('aria-label'), el.tabIndex])
  const size = () => {
    const { width, height } = $<HTMLElement>('[data-testid="card"]')!.style
    return { width, height }
  }

  it('should have the same size and controls in the same order, one of them a Tab stop, whatever the answer', () => {
    show(declined({ reason: REASON, case: CASE }), 1)
    expect(size()).toEqual({ width: `${CARD_SIZE.width}px`, height: `${CARD_SIZE.height}px` })
    const ofFound = controls()
    expect(ofFound.filter(([, tabIndex]) => tabIndex === 0)).toEqual([['copy-id', 0]])
    expect(ofFound.map(([name]) => name)).toEqual([
      'Close',
      'copy-id',
      'open-detail',
      'open-dashboard',
      'watch-toggle',
      'copy-summary',
      'card-check-requester',
      'card-history',
    ])
    for (const state of [notFound, unreachable, { state: 'loading' } as LookupState, undefined]) {
      act(() => render(null, root))
      show(state, 2)
      expect(controls(), state?.state ?? 'not asked').toEqual(ofFound)
      expect(size(), state?.state ?? 'not asked').toEqual({ width: `${CARD_SIZE.width}px`, height: `${CARD_SIZE.height}px` })
    }
    // A found ID's summary and watch work; an unknown ID's are there, unavailable.
    expect($('[data-testid="copy-summary"]')!.getAttribute('aria-disabled')).toBe('true')
    expect($('[data-testid="watch-toggle"]')!.getAttribute('aria-disabled')).toBe('true')
    expect($('[data-testid="watch-toggle"]')!.hasAttribute('disabled')).toBe(false)
  })

  it('should take S, Shift+S, the arrows, Home and End alike for a found and an unknown ID, the arrows moving focus round the controls', () => {
    const press = (key: string, shiftKey = false) => {
      const e = new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true })
      act(
        () =>
          void (root.querySelector<HTMLElement>(':focus') ?? root.querySelector<HTMLElement>('[data-testid="copy-id"]'))!.dispatchEvent(e),
      )
      return [
        key,
        e.defaultPrevented,
        (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.getAttribute('aria-label'),
      ]
    }
    const keys = () => {
      $<HTMLElement>('[data-testid="copy-id"]')!.focus()
      return [
        press('s'),
        press('S', true),
        press('ArrowRight'),
        press('ArrowDown'),
        press('End'),
        press('ArrowRight'),
        press('ArrowLeft'),
        press('Home'),
        press('ArrowUp'),
        press('x'),
      ]
    }
    show(declined({ reason: REASON, case: CASE }), 1)
    const ofFound = keys()
    expect(ofFound).toEqual([
      ['s', true, 'copy-id'],
      ['S', true, 'copy-id'],
      ['ArrowRight', true, 'open-detail'],
      ['ArrowDown', true, 'open-dashboard'],
      ['End', true, 'card-history'],
      ['ArrowRight', true, 'Close'],
      ['ArrowLeft', true, 'card-history'],
      ['Home', true, 'Close'],
      ['ArrowUp', true, 'card-history'],
      ['x', false, 'card-history'],
    ])
    // The focused control is the one Tab stop.
    expect(controls().filter(([, tabIndex]) => tabIndex === 0)).toEqual([['card-history', 0]])
    act(() => render(null, root))
    show(notFound, 2)
    expect(keys()).toEqual(ofFound)
  })

  it('should copy the customer reply with its button and S, the internal note with Shift+S, through the background, and say the shortcut in its help', async () => {
    // Nothing in the page's document: a clipboard there would be the page's to watch.
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const execCommand = vi.fn(() => true)
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true })
    vi.mocked(actions.copy).mockClear()
    vi.mocked(actions.copyReply).mockClear()
    show(declined({ reason: REASON, case: CASE }), 1)
    const button = $('[data-testid="copy-summary"]')!
    expect(button.textContent).toBe('Copy reply')
    expect(button.getAttribute('aria-keyshortcuts')).toBe('S Shift+S')
    expect(button.getAttribute('title')).toContain('(key S)')
    await act(async () => {
      $('[data-testid="card"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true }))
    })
    expect(button.textContent).toBe('Reply copied')
    // The reply is worded by the background (the team's texts never reach the page): the card sends the facts only.
    const { verificationId: _, ...reason } = REASON
    expect(vi.mocked(actions.copyReply).mock.calls).toEqual([[ID, { kind: 'persona-inquiry', status: 'declined', reason }]])
    // The reply is about the selfie match; the glare on the selfie is left out, and the card says so.
    expect($('[data-testid="card-reply-coverage"]')?.textContent).toBe('This reply covers 1 of 2 failed checks.')
    expect(actions.copy).not.toHaveBeenCalled()
    await act(async () => {
      $('[data-testid="card"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'S', shiftKey: true, bubbles: true }))
    })
    expect(button.textContent).toBe('Internal note copied')
    const [[markdownId, markdown]] = vi.mocked(actions.copy).mock.calls as [string, string][] as [[string, string]]
    expect(markdownId).toBe(ID)
    expect(markdown!.split('\n').slice(1, 4)).toEqual([
      '- Outcome: declined',
      '- Reason: the selfie does not match the ID photo (does not match); 1 more check failed',
      '- Review case: open',
    ])
    await click('copy-summary')
    expect(vi.mocked(actions.copyReply)).toHaveBeenCalledTimes(2)
    expect(markdown!.split('\n')[0]).toBe(`**Persona inquiry** [\`${ID}\`](https://app.withpersona.com/dashboard/inquiries/${ID})`)
    expect(markdown).toContain('- Outcome: declined')
    expect(writeText).not.toHaveBeenCalled()
    expect(execCommand).not.toHaveBeenCalled()
    delete (document as { execCommand?: unknown }).execCommand
  })

  it('should copy the ID through the background, say "Copied", and go back to "Copy ID" after a moment', async () => {
    vi.mocked(actions.copy).mockClear()
    show(found('2026-11-23T11:00:00Z'), 1)
    const button = $('[data-testid="copy-id"]') as HTMLButtonElement
    await act(async () => button.click())
    expect(vi.mocked(actions.copy).mock.calls).toEqual([[ID, ID]])
    expect(button.textContent).toBe('Copied')
    expect(root.querySelector('[aria-live="polite"]')!.textContent).toBe('Copied to the clipboard')
    await act(async () => {
      vi.advanceTimersByTime(1500)
    })
    expect(button.textContent).toBe('Copy ID')
  })

  it("should keep a second copy's word for its whole time, the ID's and the reply's alike", async () => {
    show(found('2026-11-23T11:00:00Z'), 1)
    const copyId = $('[data-testid="copy-id"]') as HTMLButtonElement
    const copyReply = $('[data-testid="copy-summary"]') as HTMLButtonElement
    const reply = copyReply.textContent
    for (const button of [copyId, copyReply]) {
      await act(async () => button.click())
      await act(async () => void vi.advanceTimersByTime(1000))
      await act(async () => button.click())
      // 1.5 s after the first copy, the second one's word stays its whole 1.5 s.
      await act(async () => void vi.advanceTimersByTime(1000))
      expect(button.textContent).not.toBe(button === copyId ? 'Copy ID' : reply)
      await act(async () => void vi.advanceTimersByTime(500))
      expect(button.textContent).toBe(button === copyId ? 'Copy ID' : reply)
    }
  })

  it('should not say a copy that a newer one took over (never written), only count its answer', async () => {
    show(found('2026-11-23T11:00:00Z'), 1)
    vi.mocked(actions.copy).mockResolvedValueOnce('superseded')
    await click('copy-id')
    expect($('[data-testid="copy-id"]')!.textContent).toBe('Copy ID')
    expect($('[data-testid="card"]')!.getAttribute('data-copy')).toBe('1 superseded')
    await click('copy-id')
    expect($('[data-testid="copy-id"]')!.textContent).toBe('Copied')
    expect($('[data-testid="card"]')!.getAttribute('data-copy')).toBe('2 copied')
    // A skipped copy that answers after the written one leaves that one's outcome said.
    vi.mocked(actions.copy).mockResolvedValueOnce('superseded')
    await click('copy-id')
    expect($('[data-testid="card"]')!.getAttribute('data-copy')).toBe('3 copied')
  })

  it.each(['en', 'de'] as const)('should warn in the card, until a copy stays, when the page wrote over the copy (%s)', async (locale) => {
    useLocale(locale)
    vi.mocked(actions.copyReply).mockResolvedValueOnce('replaced')
    vi.mocked(actions.copy).mockResolvedValueOnce('copied')
    show(declined({}), 1)
    expect($('[data-testid="copy-replaced"]')).toBeNull()
    await click('copy-summary')
    const warning = $('[data-testid="copy-replaced"]')!
    expect(warning.getAttribute('role')).toBe('alert')
    expect(warning.textContent).toBe(
      locale === 'en'
        ? 'The page changed the clipboard after IDV Lens copied: paste with care'
        : 'Die Seite hat die Zwischenablage nach dem Kopieren durch IDV Lens geändert: vorsichtig einfügen',
    )
    expect($('[data-testid="card"]')!.getAttribute('data-copy')).toBe('1 replaced')
    // The moment's words pass; the warning stays until a copy that stays.
    await act(async () => void vi.advanceTimersByTime(1500))
    expect($('[data-testid="copy-replaced"]')).not.toBeNull()
    await click('copy-id')
    expect($('[data-testid="copy-replaced"]')).toBeNull()
  })

  it.each(['en', 'de'] as const)(
    'should say under "Copied" that the copy was not checked while the copy check is off, until a checked copy (%s)',
    async (locale) => {
      useLocale(locale)
      vi.mocked(actions.copy).mockResolvedValueOnce('unchecked')
      vi.mocked(actions.copyReply).mockResolvedValueOnce('copied')
      show(declined({}), 1)
      expect($('[data-testid="copy-unchecked"]')).toBeNull()
      await click('copy-id')
      // The copy landed: the button says so as always, and the line under it says the check is off.
      expect($('[data-testid="copy-id"]')!.textContent).toBe(locale === 'en' ? 'Copied' : 'Kopiert')
      expect($('[data-testid="copy-unchecked"]')!.textContent).toBe(
        locale === 'en'
          ? 'Not checked whether the page wrote over this copy: the copy check is off (IDV Lens settings)'
          : 'Nicht geprüft, ob die Seite diese Kopie überschrieben hat: Die Kopierprüfung ist aus (Einstellungen von IDV Lens)',
      )
      expect($('[data-testid="card"]')!.getAttribute('data-copy')).toBe('1 unchecked')
      await act(async () => void vi.advanceTimersByTime(1500))
      expect($('[data-testid="copy-unchecked"]')).not.toBeNull()
      await click('copy-summary')
      expect($('[data-testid="copy-unchecked"]')).toBeNull()
    },
  )

  it('should copy the reply or the note once for each card command, as S and Shift+S do', async () => {
    vi.mocked(actions.copyReply).mockClear()
    vi.mocked(actions.copy).mockClear()
    const state = declined({})
    const commanded = (command: CardView['command']) => show(state, 1, { shown: { ...card, command } })
    await commanded({ what: 'reply', seq: 1 })
    await commanded({ what: 'reply', seq: 1 })
    await commanded({ what: 'note', seq: 2 })
    await act(async () => {})
    expect(vi.mocked(actions.copyReply).mock.calls.map(([id]) => id)).toEqual([ID])
    expect(vi.mocked(actions.copy).mock.calls.map(([, text]) => text.split('\n')[0])).toEqual([
      `**Persona inquiry** [\`${ID}\`](https://app.withpersona.com/dashboard/inquiries/${ID})`,
    ])
  })

  it.each(['en', 'de'] as const)('should say copying is blocked when the background could not write it (%s)', async (locale) => {
    useLocale(locale)
    vi.mocked(actions.copy).mockResolvedValueOnce('blocked')
    vi.mocked(actions.copyReply).mockResolvedValueOnce('blocked')
    show(declined({}), 1)
    const blocked = locale === 'en' ? 'Copying is blocked on this page' : 'Kopieren ist auf dieser Seite gesperrt'
    await click('copy-id')
    expect($('[data-testid="copy-id"]')!.textContent).toBe(blocked)
    expect(root.querySelector('[aria-live="polite"]')!.textContent).toBe(blocked)
    await click('copy-summary')
    expect($('[data-testid="copy-summary"]')!.textContent).toBe(blocked)
  })
})
