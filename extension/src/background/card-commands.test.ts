import { describe, expect, it, vi } from 'vitest'
import { CARD_COMMANDS, cardIdForPanel, pickCard, runCardCommand, type CardCommandDeps } from './card-commands.ts'
import type { CardTarget } from '../lib/content-messages.ts'

const TAB = 7

/** A tab whose frames hold these cards (frame ID → target; a rejection: a frame that does not answer). */
function tab(cards: Record<number, CardTarget | null | 'gone'>, reported: Record<number, string[]> = {}) {
  const copies: [number, string][] = []
  const deps: CardCommandDeps = {
    frames: async () =>
      Object.keys(cards)
        .map(Number)
        .filter((f) => f !== 0),
    target: async (_tab, frameId) => {
      const card = cards[frameId]
      if (card === 'gone') throw new Error('Receiving end does not exist')
      return card ?? null
    },
    copy: vi.fn(async (_tab: number, frameId: number, what: string) => {
      copies.push([frameId, what])
      return true
    }),
    reported: async (_tab, frameId, id) => reported[frameId]?.includes(id) ?? false,
  }
  return { deps, copies }
}

describe('the card commands', () => {
  it('should name every manifest command they answer', () => {
    expect(Object.keys(CARD_COMMANDS)).toEqual(['copy-reply', 'copy-note'])
  })

  it('should pick an open card before a closed one, then the newest', () => {
    expect(
      pickCard([
        { frameId: 0, target: { open: false, openedAt: 30, id: 'inq_30' } },
        { frameId: 4, target: { open: true, openedAt: 10, id: 'inq_10' } },
      ]),
    ).toBe(4)
    expect(
      pickCard([
        { frameId: 0, target: { open: false, openedAt: 10, id: 'inq_10' } },
        { frameId: 4, target: { open: false, openedAt: 30, id: 'inq_30' } },
      ]),
    ).toBe(4)
    expect(pickCard([{ frameId: 0, target: null }])).toBeNull()
  })

  it('should copy in the frame of the card the agent last had, the top frame asked too, and skip frames that do not answer', async () => {
    const { deps, copies } = tab({ 0: { open: false, openedAt: 5, id: 'inq_5' }, 3: 'gone', 9: { open: true, openedAt: 1, id: 'inq_1' } })
    await expect(runCardCommand('copy-note', TAB, deps)).resolves.toBe(true)
    await expect(runCardCommand('copy-reply', TAB, deps)).resolves.toBe(true)
    expect(copies).toEqual([
      [9, 'note'],
      [9, 'reply'],
    ])
  })

  it('should do nothing for a tab without a card or a command of another kind', async () => {
    const { deps, copies } = tab({ 0: null })
    await expect(runCardCommand('copy-reply', TAB, deps)).resolves.toBe(false)
    await expect(runCardCommand('show-page-ids', TAB, tab({ 0: { open: true, openedAt: 1, id: 'inq_1' } }).deps)).resolves.toBe(false)
    expect(copies).toEqual([])
  })

  it("should open the panel on the card's ID only when its frame reported that ID", async () => {
    const cards = { 0: { open: false, openedAt: 5, id: 'inq_top' }, 9: { open: true, openedAt: 1, id: 'inq_hovered' } }
    await expect(cardIdForPanel(TAB, tab(cards, { 9: ['inq_hovered'] }).deps)).resolves.toBe('inq_hovered')
    // A frame naming an ID it never reported gets no panel on it; neither does a tab with no card.
    await expect(cardIdForPanel(TAB, tab(cards, { 0: ['inq_top'] }).deps)).resolves.toBeNull()
    await expect(cardIdForPanel(TAB, tab({ 0: null }).deps)).resolves.toBeNull()
  })
})
