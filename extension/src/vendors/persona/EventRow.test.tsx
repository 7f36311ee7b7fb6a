// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { PersonaEvent } from '@idv-lens/shared/api'
import { EventRow } from './EventRow.tsx'

const ASSIGNEE = 'kim.reviewer@acme.example'
/** A case.assigned event as Persona sends it: the case, its assignee's email among its attributes. */
const ASSIGNED = {
  type: 'event',
  id: 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a',
  attributes: {
    name: 'case.assigned',
    'created-at': '2026-11-29T08:00:00Z',
    payload: { data: { type: 'case', id: 'case_8xY2mK4pQ9rT6vW1zA3bC5dE', attributes: { status: 'Open', 'assignee-id': ASSIGNEE } } },
  },
} as unknown as PersonaEvent

describe('EventRow (Events and Live)', () => {
  afterEach(() => render(null, document.body))

  it("leads a case's assignment with what happened, names the case, and never shows the assignee's email", () => {
    act(() => render(<EventRow item={ASSIGNED} onOpen={() => {}} />, document.body))
    expect(document.querySelector('[data-testid=event-name]')?.textContent).toBe('Case assigned')
    expect(document.querySelector('[data-testid=event-object]')?.textContent).toContain('case_8xY2mK4pQ9rT6vW1zA3bC5dE')
    expect(document.body.innerHTML).not.toContain(ASSIGNEE)
  })
})
