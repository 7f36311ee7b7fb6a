/** A control that moved or changed width after the watch began: the largest change seen, in CSS px. */
export type Moved = { control: string; dx: number; dy: number; dw: number }
/** The browser's layout-shift score after the watch began, and every control that moved. */
export type LayoutReport = { shift: number; moved: Moved[]; shifted?: string[] }

/*
Runs in the page (or the content script's world, with `root` its shadow root): from the moment it is
installed, the browser's own layout-shift entries (buffered, counted from then on, those right
after a click too: a note a click brings late must not push what is on screen either) and, at every
animation frame, the boxes of the controls on screen then, against where each was at install.
*/
const WATCH = `(root) => {
  const CONTROLS = 'button, a[href], summary, input, select, [role="tab"]'
  const start = performance.now()
  const base = new Map()
  const worst = new Map()
  const name = (el) => el.dataset.testid || el.id || (el.textContent || '').trim().slice(0, 40) || el.localName
  for (const el of root.querySelectorAll(CONTROLS)) {
    const r = el.getBoundingClientRect()
    if (r.width > 0 && r.height > 0) base.set(el, r)
  }
  const state = { shift: 0, frames: 0, shifted: [] }
  const where = (r) => [r.x, r.y, r.width, r.height].map(Math.round).join(',')
  const node = (el) => el ? (el.nodeType === 1 ? el.localName + (el.dataset.testid ? '#' + el.dataset.testid : '') + (el.className ? '.' + String(el.className).split(' ')[0] : '') : '#text:' + (el.textContent || '').slice(0, 20)) : '?'
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.startTime <= start) continue
      state.shift += e.value
      for (const s of e.sources) state.shifted.push(node(s.node) + ' ' + where(s.previousRect) + ' -> ' + where(s.currentRect))
    }
  }).observe({ type: 'layout-shift', buffered: true })
  const sample = () => {
    state.frames++
    for (const el of root.querySelectorAll(CONTROLS)) {
      if (base.has(el)) continue
      const r = el.getBoundingClientRect()
      if (r.width > 0 && r.height > 0) base.set(el, r)
    }
    for (const [el, r] of base) {
      if (!el.isConnected) continue
      const n = el.getBoundingClientRect()
      if (n.width === 0 && n.height === 0) continue
      const d = { dx: Math.round(n.x - r.x), dy: Math.round(n.y - r.y), dw: Math.round(n.width - r.width) }
      const w = worst.get(el) ?? { dx: 0, dy: 0, dw: 0 }
      for (const k of ['dx', 'dy', 'dw']) if (Math.abs(d[k]) > Math.abs(w[k])) w[k] = d[k]
      worst.set(el, w)
    }
    if (!state.done) requestAnimationFrame(sample)
  }
  requestAnimationFrame(sample)
  globalThis.__layoutWatch = {
    controls: base.size,
    frames: () => state.frames,
    read: () => {
      state.done = true
      const moved = [...worst].filter(([, w]) => w.dx || w.dy || w.dw).map(([el, w]) => ({ control: name(el), ...w }))
      const shift = Math.round(state.shift * 10000) / 10000
      return shift ? { shift, moved, shifted: state.shifted } : { shift, moved }
    },
  }
  return base.size
}`

/** Starts the watch over `root` (an expression: `document`, or `root` in the content script's world); resolves to how many controls it watches. */
export const installLayoutWatch = (root = 'document') => `(${WATCH})(${root})`

/** Two animation frames from now (each frame's sample has run), as an expression. */
export const nextFrames = `new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(globalThis.__layoutWatch?.frames() ?? 0))))`

/** Ends the watch and reads what it saw (a LayoutReport), as an expression. */
export const readLayoutWatch = 'globalThis.__layoutWatch.read()'
