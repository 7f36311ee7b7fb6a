// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { scanIds } from '@idv-lens/shared/ids'
import { locateMatch, scanInWindows } from './run-matches.ts'
import type { TextRun } from './text-runs.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

const all = (text: string, uuids: boolean, size: number) => [...scanInWindows(text, uuids, size)].flat()

describe('scanInWindows', () => {
  it('should find what one scan of the whole text finds, wherever the window edges fall', () => {
    const filler = 'lorem ipsum dolor sit amet, '
    const text = Array.from({ length: 40 }, (_, i) => `${filler.slice(0, i % 17)}${i % 3 ? INQ : UUID} ${i % 5 ? '' : 'x'}`).join('')
    const expected = scanIds(text, { uuids: true })
    // Window sizes that cut IDs at every possible offset.
    for (const size of [37, 50, 64, 100, 101, 256]) {
      expect(all(text, true, size), `window ${size}`).toEqual(expected)
    }
  })

  it('should not invent an ID out of a longer token cut by a window edge', () => {
    // 29 characters after the prefix: not an ID, even when a window ends after 24 or 28 of them.
    const text = `${'.'.repeat(50)}inq_${'a'.repeat(29)} end`
    for (const size of [60, 74, 78, 80]) expect(all(text, false, size), `window ${size}`).toEqual([])
  })

  it('should yield once per window', () => {
    expect([...scanInWindows('x'.repeat(1000), false, 100)]).toHaveLength(10)
    expect([...scanInWindows('short', false, 100)]).toHaveLength(1)
  })
})

describe('locateMatch', () => {
  it('should map a match spanning several text nodes to a range over them', () => {
    const nodes = ['See inq_zEx4', 'jL84ShbUyuwX', '6AzPSqt6 now'].map((t) => document.createTextNode(t))
    const run: TextRun = { text: nodes.map((n) => n.data).join(''), nodes, starts: [0, 12, 24], links: [] }
    const [m] = scanIds(run.text)
    const { range, nodes: touched } = locateMatch(run, m!)
    expect(range).toEqual({ startContainer: nodes[0], startOffset: 4, endContainer: nodes[2], endOffset: 8 })
    expect(touched).toEqual(nodes)
  })

  it('should keep a match that ends exactly at a node seam inside that node', () => {
    const nodes = [INQ, ' tail'].map((t) => document.createTextNode(t))
    const run: TextRun = { text: `${INQ} tail`, nodes, starts: [0, INQ.length], links: [] }
    const { range, nodes: touched } = locateMatch(run, { index: 0, length: INQ.length })
    expect(range).toEqual({ startContainer: nodes[0], startOffset: 0, endContainer: nodes[0], endOffset: INQ.length })
    expect(touched).toEqual([nodes[0]])
  })

  it('should start a match that begins at a seam in the later node', () => {
    const nodes = ['head ', INQ].map((t) => document.createTextNode(t))
    const run: TextRun = { text: `head ${INQ}`, nodes, starts: [0, 5], links: [] }
    const { range } = locateMatch(run, { index: 5, length: INQ.length })
    expect(range.startContainer).toBe(nodes[1])
    expect(range.startOffset).toBe(0)
  })
})
