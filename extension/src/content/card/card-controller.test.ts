import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCardController } from './card-controller.ts'
import type { Mark } from '../marks/mark-store.ts'

const mark = (id: string) => ({ id, key: id }) as Mark
const A = mark('inq_zEx4jL84ShbUyuwX6AzPSqt6')
const B = mark('evt_o9byQRbjygu76Jbtea9wuJ1boP7a')

function setup() {
  const show = vi.fn()
  const hide = vi.fn()
  const cards = createCardController({ show, hide })
  return { cards, show, hide }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('createCardController', () => {
  it('should open a hover card only after the pointer rests on an ID for 150 ms', () => {
    const { cards, show } = setup()
    cards.pointerOver(A)
    vi.advanceTimersByTime(100)
    cards.pointerOver(A)
    vi.advanceTimersByTime(49)
    expect(show).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(show).toHaveBeenCalledWith({ mark: A, source: 'hover' })
  })

  it('should show nothing when the pointer only crosses IDs', () => {
    const { cards, show } = setup()
    cards.pointerOver(A)
    vi.advanceTimersByTime(80)
    cards.pointerOver(null)
    vi.advanceTimersByTime(500)
    expect(show).not.toHaveBeenCalled()
  })

  it('should leave time to move into the card, and stay open while the pointer is in it', () => {
    const { cards, hide } = setup()
    cards.pointerOver(A)
    vi.advanceTimersByTime(150)
    cards.pointerOver(null)
    vi.advanceTimersByTime(200)
    cards.pointerInCard(true)
    vi.advanceTimersByTime(1000)
    expect(hide).not.toHaveBeenCalled()
    cards.pointerInCard(false)
    vi.advanceTimersByTime(300)
    expect(hide).toHaveBeenCalledOnce()
  })

  it('should switch to another ID the pointer rests on', () => {
    const { cards, show } = setup()
    cards.pointerOver(A)
    vi.advanceTimersByTime(150)
    cards.pointerOver(B)
    vi.advanceTimersByTime(150)
    expect(show).toHaveBeenLastCalledWith({ mark: B, source: 'hover' })
    expect(cards.shown?.mark).toBe(B)
  })

  it('should open a card picked in the list at once and keep it when the pointer wanders', () => {
    const { cards, show, hide } = setup()
    cards.openFromList(A)
    expect(show).toHaveBeenCalledWith({ mark: A, source: 'list' })
    cards.pointerOver(null)
    vi.advanceTimersByTime(1000)
    expect(hide).not.toHaveBeenCalled()
    cards.close()
    expect(hide).toHaveBeenCalledOnce()
  })

  it('should open on keyboard focus of a page element with an ID and close when focus leaves', () => {
    const { cards, show, hide } = setup()
    cards.focusOn(A)
    vi.advanceTimersByTime(150)
    expect(show).toHaveBeenCalledWith({ mark: A, source: 'focus' })
    cards.focusOn(null)
    vi.advanceTimersByTime(300)
    expect(hide).toHaveBeenCalledOnce()
  })

  it('should close a card whose text left the page', () => {
    const { cards, hide } = setup()
    cards.openFromList(A)
    cards.markRemoved(B)
    expect(hide).not.toHaveBeenCalled()
    cards.markRemoved(A)
    expect(hide).toHaveBeenCalledOnce()
  })
  it('should carry a hover card, pending or open, over to the mark of the same text rendered again', () => {
    const { cards, show, hide } = setup()
    const again = mark(A.id)
    cards.pointerOver(A)
    vi.advanceTimersByTime(100)
    cards.markReplaced(A, again)
    vi.advanceTimersByTime(50)
    expect(show).toHaveBeenCalledWith({ mark: again, source: 'hover' })
    // Open: the pointer resting on the new mark keeps it, and its removal closes it.
    const third = mark(A.id)
    cards.markReplaced(again, third)
    cards.pointerOver(third)
    vi.advanceTimersByTime(1000)
    expect(hide).not.toHaveBeenCalled()
    cards.markRemoved(third)
    expect(hide).toHaveBeenCalledOnce()
  })
})
