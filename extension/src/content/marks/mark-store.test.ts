// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { createMarkStore, idKey, type Mark } from './mark-store.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'

function markOn(text: Text, id: string, kind: Mark['kind'] = 'persona-inquiry') {
  return { id, kind, range: { startContainer: text, startOffset: 0, endContainer: text, endOffset: id.length }, nodes: [text], link: null }
}

describe('createMarkStore', () => {
  it('should count an ID once however often it appears, and find marks by node', () => {
    const a = document.createTextNode(INQ)
    const b = document.createTextNode(INQ)
    const store = createMarkStore()
    store.add(markOn(a, INQ))
    store.add(markOn(b, INQ))
    expect(store.size).toBe(1)
    expect(store.marksOf(INQ).size).toBe(2)
    expect([...store.at(a)!].map((m) => m.id)).toEqual([INQ])
  })

  it('should treat UUIDs that differ only in case as one ID (the relay answers them in lower case)', () => {
    const store = createMarkStore()
    store.add(markOn(document.createTextNode('x'), UUID.toUpperCase(), 'deepidv-session'))
    store.add(markOn(document.createTextNode('y'), UUID, 'deepidv-session'))
    expect(store.ids()).toEqual([{ key: UUID, id: UUID.toUpperCase(), kind: 'deepidv-session' }])
    expect(idKey(INQ.toUpperCase(), 'persona-inquiry')).toBe(INQ.toUpperCase())
  })

  it('should refuse new IDs past the cap and say so, while more of the same ID is fine', () => {
    const store = createMarkStore({ maxIds: 1 })
    const t = document.createTextNode('x')
    expect(store.add(markOn(t, INQ))).not.toBeNull()
    expect(store.add(markOn(t, 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a', 'persona-event'))).toBeNull()
    expect(store.add(markOn(t, INQ))).not.toBeNull()
    expect(store.capped).toBe(true)
    expect(store.size).toBe(1)
  })

  it('should drop the marks of nodes that left the page, and call the hooks', () => {
    const removed = vi.fn()
    const store = createMarkStore()
    store.on('removed', removed)
    const p = document.createElement('p')
    const kept = document.createTextNode(INQ)
    const gone = document.createTextNode('evt_o9byQRbjygu76Jbtea9wuJ1boP7a')
    p.append(kept)
    document.body.append(p)
    const div = document.createElement('div')
    div.append(gone)
    store.add(markOn(kept, INQ))
    store.add(markOn(gone, gone.data, 'persona-event'))
    const before = store.version
    expect(store.sweep()).toBe(1)
    expect(removed).toHaveBeenCalledTimes(1)
    expect(store.ids().map((p) => p.id)).toEqual([INQ])
    expect(store.version).not.toBe(before)
  })

  it('should tell each listener of every added and removed mark until it unsubscribes', () => {
    const store = createMarkStore()
    const seen: string[] = []
    const stop = store.on('added', (mark) => seen.push(`added ${mark.key}`))
    store.on('removed', (mark) => seen.push(`removed ${mark.key}`))
    const t = document.createTextNode(INQ)
    const mark = store.add(markOn(t, INQ))!
    stop()
    store.add(markOn(t, INQ))
    store.remove(mark)
    expect(seen).toEqual([`added ${INQ}`, `removed ${INQ}`])
  })

  it('should drop every mark touching a node before it is scanned again', () => {
    const store = createMarkStore()
    const t = document.createTextNode(`${INQ} ${INQ}`)
    store.add(markOn(t, INQ))
    store.add(markOn(t, INQ))
    store.removeAt(t)
    expect(store.size).toBe(0)
    expect(store.at(t)).toBeUndefined()
  })
})
